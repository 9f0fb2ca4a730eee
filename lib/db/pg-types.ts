import pg from "pg";

// count(*), sum() and bigint columns arrive as strings from PostgreSQL; our numbers stay well under
// 2^53, so they are parsed once here and every query sees plain numbers on both stores.
const INT8 = 20;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(NUMERIC, (value) => Number.parseFloat(value));
