import { z } from 'zod';
import type { DigestMarkers } from '../cases/ports';
import type { CollectionSpec, DocumentCollection } from './document-collection';

const markerSchema = z.strictObject({
  token: z.string().min(1).max(100),
  leaseUntil: z.iso.datetime(),
  posted: z
    .strictObject({ at: z.iso.datetime(), cases: z.number().int().nonnegative() })
    .optional(),
});
type DigestMarker = z.infer<typeof markerSchema>;

/** One versioned document per day (`digest-YYYY-MM-DD`). */
export const digestMarkersSpec: CollectionSpec<DigestMarker> = {
  name: 'digests',
  schema: markerSchema,
  indexes: [],
};

const keyOf = (day: string) => `digest-${day}`;

/** Digest markers in a document collection; each change is conditional on the version read. */
export class DocumentDigestMarkers implements DigestMarkers {
  constructor(private readonly markers: DocumentCollection<DigestMarker>) {}

  async claim(day: string, token: string, now: string, leaseUntil: string): Promise<boolean> {
    const stored = await this.markers.get(keyOf(day));
    if (stored && (stored.value.posted || stored.value.leaseUntil > now)) return false;
    const written = await this.markers.put(keyOf(day), { token, leaseUntil }, stored?.version ?? 0);
    return written.ok;
  }

  async markPosted(day: string, token: string, cases: number, at: string): Promise<void> {
    const stored = await this.markers.get(keyOf(day));
    if (!stored || stored.value.token !== token) return;
    const posted = { ...stored.value, posted: { at, cases } };
    await this.markers.put(keyOf(day), posted, stored.version);
  }
}
