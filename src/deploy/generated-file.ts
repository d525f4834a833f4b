/** A file `npm run generate` writes; a test fails when the committed copy differs. */
export interface GeneratedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  content: string;
}
