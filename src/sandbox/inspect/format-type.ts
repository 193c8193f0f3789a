// A type-section entry as WAT text, for the module panel: `(sub final $0 (struct (field i32)))`.
import type { CompositeType, FieldType, TypeInfo } from "./module-info";
import { formatSignature } from "./read-types";

function formatField(field: FieldType): string {
  return field.mutable ? `(mut ${field.type})` : field.type;
}

function formatComposite(composite: CompositeType): string {
  switch (composite.kind) {
    case "func":
      return formatSignature(composite.signature);
    case "struct":
      return `(struct${composite.fields.map((f) => ` (field ${formatField(f)})`).join("")})`;
    case "array":
      return `(array ${formatField(composite.element)})`;
  }
}

/** The type as WAT writes it: `sub` only where the type is open or names supertypes. */
export function formatType(type: TypeInfo): string {
  const body = formatComposite(type.composite);
  if (type.final && type.supertypes.length === 0) return body;
  const supers = type.supertypes.map((s) => ` $${s}`).join("");
  return `(sub${type.final ? " final" : ""}${supers} ${body})`;
}
