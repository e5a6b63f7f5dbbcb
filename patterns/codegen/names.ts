/**
 * Identifier naming for generated pattern code. `Prompt.Lifecycle.Created` becomes
 * `PromptLifecycleCreated`; `PromptOptimizationSaga` becomes `promptOptimizationSaga`.
 * Deterministic and pure, so regenerating the same catalog gives byte-identical files.
 */

/** `Prompt.Lifecycle.Created` / `prompt-aggregate` → `PromptLifecycleCreated` / `PromptAggregate`. */
export function pascalName(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export const camelName = (text: string): string => {
  const p = pascalName(text);
  return p[0]!.toLowerCase() + p.slice(1);
};

/** `PromptAggregate` → `prompt-aggregate` (file names). */
export const kebabName = (text: string): string =>
  pascalName(text)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

/** `Prompt.Lifecycle.Created` → `PromptLifecycleCreatedPayload`. */
export const payloadTypeName = (eventType: string): string => `${pascalName(eventType)}Payload`;
