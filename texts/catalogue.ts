import type { da } from './da';

/** The keys every catalogue has. */
export type TextKey = keyof typeof da;

/** A catalogue: one text per key. Placeholders are written {name}. */
export type Catalogue = Record<TextKey, string>;
