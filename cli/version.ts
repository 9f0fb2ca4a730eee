/** The CLI's version (the repository's package version). */
export const CLI_VERSION = "0.1.0";
