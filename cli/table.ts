/** Display width of a cell: code points (the API's text is mostly ASCII; no East Asian widths). */
function width(text: string): number {
  return [...text].length;
}

/** Columns padded to their widest cell, two spaces apart, the last column unpadded. */
export function formatTable(
  headers: string[],
  rows: string[][],
  style: { bold: (text: string) => string },
): string {
  const widths = headers.map((header, i) =>
    Math.max(width(header), ...rows.map((row) => width(row[i] ?? ""))),
  );
  const line = (cells: string[], decorate: (text: string) => string = (t) => t) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell + " ".repeat(widths[i]! - width(cell));
        return decorate(padded);
      })
      .join("  ")
      .trimEnd();
  return `${[line(headers, style.bold), ...rows.map((row) => line(row))].join("\n")}\n`;
}
