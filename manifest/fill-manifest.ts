/**
 * The values appPackage/manifest.json needs, named as its placeholders, in the Agents
 * Toolkit's form `${{NAME}}` (the Toolkit fills the same file from env/.env.<name>).
 */
export interface ManifestValues {
  /** The Teams app's id (a GUID): the manifest's `id`. */
  TEAMS_APP_ID: string;
  /** The bot's Entra app id, the bot's MicrosoftAppId: the manifest's `bots[0].botId`. */
  BOT_ID: string;
  /** The bot's public host name, without scheme, port or path. */
  BOT_DOMAIN: string;
}

/** A JSON value, as read from the template. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The names of the placeholders the template uses, each once, in order of appearance. */
export function placeholdersIn(template: Json): string[] {
  const names = new Set<string>();
  const walk = (node: Json): void => {
    if (typeof node === 'string') for (const m of node.matchAll(PLACEHOLDER)) names.add(m[1] ?? '');
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(template);
  return [...names];
}

/**
 * The manifest: the template with every `${{Name}}` in its string values replaced by the
 * value of that name. Pure; throws if the template names a placeholder it has no value for,
 * so that no `${{...}}` ever reaches a package.
 */
export function fillManifest(template: Json, values: ManifestValues): Json {
  const lookup: Record<string, string> = { ...values };
  const fill = (node: Json): Json => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (_whole, name: string) => {
        const value = lookup[name];
        if (value === undefined)
          throw new Error(`the template uses \${{${name}}}, which has no value`);
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  return fill(template);
}

/** Marks the template's stand-in values that must be replaced before the app is published. */
const STAND_IN = /example\.invalid|ERSTAT MIG/;

/** The paths (like `developer.privacyUrl`) of string values that are still stand-ins. */
export function standInsIn(manifest: Json, path = ''): string[] {
  if (typeof manifest === 'string') return STAND_IN.test(manifest) ? [path] : [];
  if (Array.isArray(manifest))
    return manifest.flatMap((item, i) => standInsIn(item, `${path}[${i}]`));
  if (manifest && typeof manifest === 'object') {
    return Object.entries(manifest).flatMap(([key, value]) =>
      standInsIn(value, path ? `${path}.${key}` : key),
    );
  }
  return [];
}
