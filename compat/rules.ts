/**
 * THE rules table: one row per change kind. Each row gives the backward verdict under
 * STRICT and LENIENT, whether the change is an annotation (→ patch), the one-line message
 * and the fix hint. Everything else (forward, full, transitive, bumps) is derived:
 * forward is the backward verdict of the swapped diff (`diff(after, before)`).
 * Names follow Confluent's `io.confluent.kafka.schemaregistry.json.diff.Difference.Type`
 * where one exists; ours are marked `(evc)` in the README.
 */
import { LIMITS, NUMERIC_BOUNDS, VALUE_KEYWORDS, type BoundName, type LimitSuffix, type ValueName } from './limits.ts';
import { fmt, ruleRow, type ChangeFacts, type Rule } from './rule-row.ts';

type LimitKind = `${BoundName}_${LimitSuffix}`;
type ValueKind = `${ValueName}_${'ADDED' | 'REMOVED' | 'CHANGED'}`;

const MAJOR = 'or release it as a new major version';

const explicitRules = {
  // Annotations: never change the accepted set.
  ID_CHANGED: ruleRow('annotation', true, true, (c) => `$id changed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, ''),
  TITLE_CHANGED: ruleRow('annotation', true, true, (c) => `title changed at ${c.path}`, ''),
  DESCRIPTION_CHANGED: ruleRow('annotation', true, true, (c) => `description changed at ${c.path}`, ''),
  DEFAULT_CHANGED: ruleRow('annotation', true, true, (c) => `default changed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, ''),
  EXAMPLES_CHANGED: ruleRow('annotation', true, true, (c) => `examples changed at ${c.path}`, ''),
  DEPRECATED_CHANGED: ruleRow('annotation', true, true, (c) => `deprecated changed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, ''),
  ANNOTATION_CHANGED: ruleRow('annotation', true, true, (c) => `annotation ${c.path} changed`, ''),

  // The whole subschema.
  FALSE_SCHEMA_REPLACED: ruleRow('constraint', true, true, (c) => `${c.path} accepted nothing (false) and now accepts values`, ''),
  FALSE_SCHEMA_INTRODUCED: ruleRow('constraint', false, false, (c) => `${c.path} now accepts nothing (false)`, `remove the false schema at ${'${path}'}, ${MAJOR}`),
  TYPE_EXTENDED: ruleRow('constraint', true, true, (c) => `type widened from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, ''),
  TYPE_NARROWED: ruleRow('constraint', false, false, (c) => `type narrowed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, `keep accepting ${'${before}'} at ${'${path}'}, ${MAJOR}`),
  TYPE_CHANGED: ruleRow('constraint', false, false, (c) => `type changed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, `add a new field with the new type instead of changing ${'${path}'}, ${MAJOR}`),
  ENUM_ARRAY_EXTENDED: ruleRow('constraint', true, true, (c) => `allowed values widened at ${c.path}: ${fmt(c.before)} → ${fmt(c.after)}`, ''),
  ENUM_ARRAY_NARROWED: ruleRow('constraint', false, false, (c) => `allowed values narrowed at ${c.path}: ${fmt(c.before)} → ${fmt(c.after)}`, `keep the removed values in the enum at ${'${path}'}, ${MAJOR}`),
  ENUM_ARRAY_CHANGED: ruleRow('constraint', false, false, (c) => `allowed values changed at ${c.path}: ${fmt(c.before)} → ${fmt(c.after)}`, `only add values to the enum at ${'${path}'}, ${MAJOR}`),
  MULTIPLE_OF_ADDED: ruleRow('constraint', false, false, (c) => `multipleOf ${fmt(c.after)} added at ${c.path}`, `drop multipleOf at ${'${path}'}, ${MAJOR}`),
  MULTIPLE_OF_REMOVED: ruleRow('constraint', true, true, (c) => `multipleOf ${fmt(c.before)} removed at ${c.path}`, ''),
  MULTIPLE_OF_EXPANDED: ruleRow('constraint', false, false, (c) => `multipleOf made stricter from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, `use a divisor of ${'${before}'} at ${'${path}'}, ${MAJOR}`),
  MULTIPLE_OF_REDUCED: ruleRow('constraint', true, true, (c) => `multipleOf relaxed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, ''),
  MULTIPLE_OF_CHANGED: ruleRow('constraint', false, false, (c) => `multipleOf changed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, `use a divisor of ${'${before}'} at ${'${path}'}, ${MAJOR}`),
  UNIQUE_ITEMS_ADDED: ruleRow('constraint', false, false, (c) => `uniqueItems added at ${c.path}`, `drop uniqueItems at ${'${path}'}, ${MAJOR}`),
  UNIQUE_ITEMS_REMOVED: ruleRow('constraint', true, true, (c) => `uniqueItems removed at ${c.path}`, ''),

  // Objects.
  REQUIRED_ATTRIBUTE_ADDED: ruleRow('constraint', false, false, (c) => `property ${fmt(c.after)} became required at ${c.path}`, `give ${'${after}'} a default, or keep it optional, ${MAJOR}`),
  REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED: ruleRow('constraint', false, true, (c) => `property ${fmt(c.after)} (with a default) became required at ${c.path}`, `keep ${'${after}'} optional (STRICT does not count defaults), ${MAJOR}`),
  REQUIRED_ATTRIBUTE_REMOVED: ruleRow('constraint', true, true, (c) => `property ${fmt(c.before)} is no longer required at ${c.path}`, ''),
  OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: ruleRow('constraint', false, true, (c) => `optional property added to an open object at ${c.path}`, `under STRICT, old data may already carry ${'${path}'} with any value: close the object (additionalProperties: false) first, use the LENIENT policy, ${MAJOR}`),
  REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `required property added at ${c.path}`, `give the new required property a default, or make it optional, ${MAJOR}`),
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL: ruleRow('constraint', false, true, (c) => `required property with a default added at ${c.path}`, `make it optional (STRICT does not count defaults), ${MAJOR}`),
  PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `unconstrained property added at ${c.path}`, ''),
  REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `required property added to a closed object at ${c.path}`, `give the new required property a default, or make it optional, ${MAJOR}`),
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL: ruleRow('constraint', false, true, (c) => `required property with a default added to a closed object at ${c.path}`, `make it optional (STRICT does not count defaults), ${MAJOR}`),
  OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `optional property added to a closed object at ${c.path}`, ''),
  PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `property removed from an open object at ${c.path}`, ''),
  PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `forbidden (false) property removed from a closed object at ${c.path}`, ''),
  PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `property removed from a closed object at ${c.path}`, `keep ${'${path}'} (deprecate it instead), open the object, ${MAJOR}`),
  PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `property added at ${c.path}, covered by the old additionalProperties/patternProperties schema`, ''),
  PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `property added at ${c.path} is narrower than the old additionalProperties/patternProperties schema`, `make ${'${path}'} accept everything the old additionalProperties/patternProperties schema accepted, ${MAJOR}`),
  PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `property removed at ${c.path}, still covered by additionalProperties/patternProperties`, ''),
  PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `property removed at ${c.path} and the new additionalProperties/patternProperties schema does not accept its old values`, `keep ${'${path}'} declared, or widen additionalProperties, ${MAJOR}`),
  ADDITIONAL_PROPERTIES_ADDED: ruleRow('constraint', true, true, (c) => `additionalProperties now allowed at ${c.path}`, ''),
  ADDITIONAL_PROPERTIES_REMOVED: ruleRow('constraint', false, false, (c) => `additionalProperties closed (false) at ${c.path}`, `keep the object open at ${'${path}'}, ${MAJOR}`),
  UNEVALUATED_PROPERTIES_ADDED: ruleRow('constraint', true, true, (c) => `unevaluatedProperties now allowed at ${c.path}`, ''),
  UNEVALUATED_PROPERTIES_REMOVED: ruleRow('constraint', false, false, (c) => `unevaluatedProperties closed (false) at ${c.path}`, `keep unevaluated properties allowed at ${'${path}'}, ${MAJOR}`),
  DEPENDENCY_ARRAY_ADDED: ruleRow('constraint', false, false, (c) => `dependentRequired added at ${c.path}: ${fmt(c.after)}`, `drop the dependency at ${'${path}'}, ${MAJOR}`),
  DEPENDENCY_ARRAY_REMOVED: ruleRow('constraint', true, true, (c) => `dependentRequired removed at ${c.path}`, ''),
  DEPENDENCY_ARRAY_EXTENDED: ruleRow('constraint', false, false, (c) => `dependentRequired grew at ${c.path}: ${fmt(c.before)} → ${fmt(c.after)}`, `do not require more properties at ${'${path}'}, ${MAJOR}`),
  DEPENDENCY_ARRAY_NARROWED: ruleRow('constraint', true, true, (c) => `dependentRequired shrank at ${c.path}: ${fmt(c.before)} → ${fmt(c.after)}`, ''),
  DEPENDENCY_ARRAY_CHANGED: ruleRow('constraint', false, false, (c) => `dependentRequired changed at ${c.path}: ${fmt(c.before)} → ${fmt(c.after)}`, `only remove names from ${'${path}'}, ${MAJOR}`),
  DEPENDENCY_SCHEMA_ADDED: ruleRow('constraint', false, false, (c) => `dependentSchemas entry added at ${c.path}`, `drop the dependent schema at ${'${path}'}, ${MAJOR}`),
  DEPENDENCY_SCHEMA_REMOVED: ruleRow('constraint', true, true, (c) => `dependentSchemas entry removed at ${c.path}`, ''),

  // Arrays.
  ITEM_ADDED_TO_OPEN_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `tuple item added at ${c.path} where any value was allowed`, `add the position as {} or close the tuple first, ${MAJOR}`),
  ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `unconstrained tuple item added at ${c.path}`, ''),
  ITEM_ADDED_TO_CLOSED_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `tuple item added to a closed tuple at ${c.path}`, ''),
  ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `tuple item removed from an open tuple at ${c.path}`, ''),
  ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `forbidden (false) tuple item removed at ${c.path}`, ''),
  ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `tuple item removed from a closed tuple at ${c.path}`, `keep the position at ${'${path}'}, ${MAJOR}`),
  ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `tuple item added at ${c.path}, covered by the old additional items schema`, ''),
  ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `tuple item added at ${c.path} is narrower than the old additional items schema`, `make ${'${path}'} accept what the old additional items accepted, ${MAJOR}`),
  ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', true, true, (c) => `tuple item removed at ${c.path}, covered by the new additional items schema`, ''),
  ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: ruleRow('constraint', false, false, (c) => `tuple item removed at ${c.path} and the additional items schema does not accept its old values`, `keep the position at ${'${path}'}, ${MAJOR}`),
  ADDITIONAL_ITEMS_ADDED: ruleRow('constraint', true, true, (c) => `additional items now allowed at ${c.path}`, ''),
  ADDITIONAL_ITEMS_REMOVED: ruleRow('constraint', false, false, (c) => `additional items forbidden at ${c.path}`, `keep additional items allowed at ${'${path}'}, ${MAJOR}`),
  UNEVALUATED_ITEMS_ADDED: ruleRow('constraint', true, true, (c) => `unevaluatedItems now allowed at ${c.path}`, ''),
  UNEVALUATED_ITEMS_REMOVED: ruleRow('constraint', false, false, (c) => `unevaluatedItems forbidden at ${c.path}`, `keep unevaluated items allowed at ${'${path}'}, ${MAJOR}`),
  CONTAINS_ADDED: ruleRow('constraint', false, false, (c) => `contains added at ${c.path}`, `drop contains at ${'${path}'}, ${MAJOR}`),
  CONTAINS_REMOVED: ruleRow('constraint', true, true, (c) => `contains removed at ${c.path}`, ''),

  // Combinators.
  SUM_TYPE_EXTENDED: ruleRow('constraint', true, true, (c) => `union widened at ${c.path} (a new alternative accepts more)`, ''),
  SUM_TYPE_NARROWED: ruleRow('constraint', false, false, (c) => `union narrowed at ${c.path}: an old alternative has no compatible new one`, `keep every old alternative of ${'${path}'}, ${MAJOR}`),
  PRODUCT_TYPE_EXTENDED: ruleRow('constraint', false, false, (c) => `allOf gained a constraint at ${c.path}`, `drop the new allOf branch at ${'${path}'}, ${MAJOR}`),
  PRODUCT_TYPE_NARROWED: ruleRow('constraint', true, true, (c) => `allOf lost a constraint at ${c.path}`, ''),
  COMBINED_TYPE_EXTENDED: ruleRow('constraint', true, true, (c) => `${fmt(c.before)} relaxed to ${fmt(c.after)} at ${c.path}`, ''),
  COMBINED_TYPE_CHANGED: ruleRow('constraint', false, false, (c) => `combinator changed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, `keep ${'${before}'} at ${'${path}'}, ${MAJOR}`),
  COMBINED_TYPE_ADDED: ruleRow('constraint', false, false, (c) => `${fmt(c.after)} added at ${c.path} and no alternative accepts everything the old schema did`, `add an alternative equal to the old schema, ${MAJOR}`),
  COMBINED_TYPE_REMOVED: ruleRow('constraint', true, true, (c) => `${fmt(c.before)} removed at ${c.path}`, ''),
  NOT_TYPE_ADDED: ruleRow('constraint', false, false, (c) => `not added at ${c.path}`, `drop not at ${'${path}'}, ${MAJOR}`),
  NOT_TYPE_REMOVED: ruleRow('constraint', true, true, (c) => `not removed at ${c.path}`, ''),
  NOT_TYPE_EXTENDED: ruleRow('constraint', false, false, (c) => `not now excludes more values at ${c.path}`, `only narrow the not schema at ${'${path}'}, ${MAJOR}`),
  NOT_TYPE_NARROWED: ruleRow('constraint', true, true, (c) => `not now excludes fewer values at ${c.path}`, ''),
  CONDITION_ADDED: ruleRow('constraint', false, false, (c) => `if/then/else added at ${c.path}`, `drop the condition at ${'${path}'}, ${MAJOR}`),
  CONDITION_REMOVED: ruleRow('constraint', true, true, (c) => `if/then/else removed at ${c.path}`, ''),
  CONDITION_CHANGED: ruleRow('constraint', false, false, (c) => `if condition changed at ${c.path}`, `keep the if schema at ${'${path}'} unchanged, ${MAJOR}`),
} satisfies Record<string, Rule>;

function limitRules(): Record<LimitKind | ValueKind, Rule> {
  const rows: Record<string, Rule> = {};
  const bounds = [
    ...LIMITS.map((l) => ({ name: l.name as string, keyword: l.keyword as string, bound: l.bound })),
    ...NUMERIC_BOUNDS.flatMap((b) => [
      { name: b.name as string, keyword: b.keyword as string, bound: b.bound },
      { name: `EXCLUSIVE_${b.name}`, keyword: b.exclusive as string, bound: b.bound },
    ]),
  ];
  for (const { name, keyword, bound } of bounds) {
    const widening = { ADDED: false, REMOVED: true, INCREASED: bound === 'upper', DECREASED: bound === 'lower' };
    for (const [suffix, ok] of Object.entries(widening)) {
      const verb = suffix.toLowerCase();
      rows[`${name}_${suffix}`] = ruleRow(
        'constraint', ok, ok,
        (c) => suffix === 'ADDED' ? `${keyword} ${fmt(c.after)} added at ${c.path}` : suffix === 'REMOVED' ? `${keyword} ${fmt(c.before)} removed at ${c.path}` : `${keyword} ${verb} from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`,
        ok ? '' : suffix === 'ADDED' ? `drop ${keyword} at ${'${path}'}, ${MAJOR}` : `keep ${keyword} at ${'${before}'} at ${'${path}'}, ${MAJOR}`,
      );
    }
  }
  for (const { name, keyword } of VALUE_KEYWORDS) {
    rows[`${name}_ADDED`] = ruleRow('constraint', false, false, (c) => `${keyword} ${fmt(c.after)} added at ${c.path}`, `drop ${keyword} at ${'${path}'}, ${MAJOR}`);
    rows[`${name}_REMOVED`] = ruleRow('constraint', true, true, (c) => `${keyword} ${fmt(c.before)} removed at ${c.path}`, '');
    rows[`${name}_CHANGED`] = ruleRow('constraint', false, false, (c) => `${keyword} changed from ${fmt(c.before)} to ${fmt(c.after)} at ${c.path}`, `keep ${keyword} ${'${before}'} at ${'${path}'} (add a new field for the new ${keyword}), ${MAJOR}`);
  }
  return rows as Record<LimitKind | ValueKind, Rule>;
}

export const RULES: Record<ChangeKind, Rule> = { ...explicitRules, ...limitRules() };

export type ChangeKind = keyof typeof explicitRules | LimitKind | ValueKind;

export const CHANGE_KINDS = Object.keys(RULES) as ChangeKind[];

/** Builds the full change (message and hint) from the facts the diff found. */
export function describe(kind: ChangeKind, facts: ChangeFacts): { kind: ChangeKind; path: string; before: unknown; after: unknown; message: string; hint: string } {
  const rule = RULES[kind];
  return { kind, path: facts.path, before: facts.before, after: facts.after, message: rule.message(facts), hint: rule.hint(facts) };
}

export type { Rule, ChangeFacts } from './rule-row.ts';
