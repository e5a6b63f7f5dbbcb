import { defineRule } from './rule.ts';

/**
 * Enforced by the loader (catalog/refs.ts), which refuses remote `$ref`s before any network
 * access; `evc lint` reports the loader's findings under this id. Listed here so the rule table
 * is complete, with no check of its own.
 */
export default defineRule({
  id: 'remote-ref',
  description: 'no http(s) $ref unless --allow-remote-refs (checked while loading, before any request)',
  check: () => [],
});
