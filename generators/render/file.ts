/** One generated file: a path relative to the output folder and its full text. */
export interface GeneratedFile {
  path: string;
  contents: string;
}
