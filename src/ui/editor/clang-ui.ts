// The C/C++ parts of the editor column, loaded when the page first shows C or C++ (EditorPane):
// a page that never does, does not load them.
export { ClangOptionsBar } from "./ClangOptionsBar";
export { ClangProgress } from "./ClangProgress";
