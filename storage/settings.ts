import { keyCheckSchema, type KeyCheck } from '../cases/key-check';
import type { CollectionSpec } from './document-collection';

/** The key of the key check document in the settings collection. */
export const KEY_CHECK_KEY = 'key-check';

/** Settings the bot keeps about its own data; today only the key check. */
export const settingsSpec: CollectionSpec<KeyCheck> = {
  name: 'settings',
  schema: keyCheckSchema,
  indexes: [],
};
