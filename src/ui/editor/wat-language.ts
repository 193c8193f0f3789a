// A Monarch tokenizer for the WebAssembly text format (WAT), written here so Monaco ships only
// the languages the playground uses.
import type * as Monaco from "monaco-editor/editor/editor.api";

export const WAT_LANGUAGE_ID = "wat";

const keywords = [
  "module",
  "func",
  "param",
  "result",
  "local",
  "global",
  "table",
  "memory",
  "elem",
  "data",
  "type",
  "import",
  "export",
  "start",
  "mut",
  "offset",
  "item",
  "declare",
  "then",
  "else",
  "block",
  "loop",
  "if",
  "end",
  "rec",
  "sub",
  "final",
  "struct",
  "array",
  "field",
  "tag",
  "try",
  "catch",
  "catch_all",
  "delegate",
  "throw",
  "rethrow",
  "shared",
  "pagesize",
];

const types = [
  "i32",
  "i64",
  "f32",
  "f64",
  "v128",
  "funcref",
  "externref",
  "anyref",
  "eqref",
  "i31ref",
  "structref",
  "arrayref",
  "nullref",
  "nullfuncref",
  "nullexternref",
  "exnref",
  "ref",
  "null",
  "i8",
  "i16",
];

export const watLanguage: Monaco.languages.IMonarchLanguage = {
  defaultToken: "",
  keywords,
  types,
  tokenizer: {
    root: [
      [/\(;/, "comment", "@blockComment"],
      [/;;.*$/, "comment"],
      [/"/, "string", "@string"],
      [/\$[\w!#$%&'*+\-./:<=>?@\\^`|~]+/, "variable"],
      [/[a-z][a-z0-9_]*(\.[a-z0-9_]+)+(\/[a-z0-9_]+)?/, "keyword.instruction"],
      [
        /[a-z_][\w.]*/,
        { cases: { "@keywords": "keyword", "@types": "type", "@default": "keyword.instruction" } },
      ],
      [/[+-]?(nan|inf)(:0x[0-9a-fA-F_]+)?/, "number.float"],
      [/[+-]?0x[0-9a-fA-F_]+(\.[0-9a-fA-F_]*)?([pP][+-]?\d+)?/, "number.hex"],
      [/[+-]?\d[\d_]*(\.[\d_]*)?([eE][+-]?\d+)?/, "number"],
      [/[()]/, "@brackets"],
      [/offset=|align=/, "attribute.name"],
    ],
    blockComment: [
      [/\(;/, "comment", "@push"],
      [/;\)/, "comment", "@pop"],
      [/./, "comment"],
    ],
    string: [
      [/\\[0-9a-fA-F]{2}|\\[tnr"'\\]|\\u\{[0-9a-fA-F]+\}/, "string.escape"],
      [/[^\\"]+/, "string"],
      [/"/, "string", "@pop"],
    ],
  },
};

export const watConfiguration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: ";;", blockComment: ["(;", ";)"] },
  brackets: [["(", ")"]],
  autoClosingPairs: [
    { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string", "comment"] },
  ],
  surroundingPairs: [{ open: "(", close: ")" }],
};
