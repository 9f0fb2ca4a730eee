import { writeFileSync } from "node:fs";
import { generateSdkTypes, SDK_TYPES_FILE } from "./sdk-types";

generateSdkTypes().then(
  (text) => {
    writeFileSync(SDK_TYPES_FILE, text);
    console.error(`wrote ${SDK_TYPES_FILE}`);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
