import type { Collection } from 'mongodb';
import type { EncryptedCpr } from '../../cases/cpr-protection';
import type { CiphertextStore, StoredCiphertext } from '../../cases/key-rotation';

/** The part of a case document that holds the CPR ciphertext. */
export interface CaseCiphertext {
  _id: string;
  subject: { cprEncrypted: EncryptedCpr };
}

/** The CPR ciphertexts of the MongoDB case documents. */
export class MongoCiphertexts implements CiphertextStore {
  constructor(private readonly cases: Collection<CaseCiphertext>) {}

  async underKey(keyId: string, limit: number): Promise<StoredCiphertext[]> {
    const found = await this.cases
      .find({ 'subject.cprEncrypted.keyId': keyId }, { projection: { 'subject.cprEncrypted': 1 } })
      .limit(limit)
      .toArray();
    return found.map((doc) => ({ id: doc._id, encrypted: doc.subject.cprEncrypted }));
  }

  async replace(id: string, previous: EncryptedCpr, next: EncryptedCpr): Promise<boolean> {
    const result = await this.cases.updateOne(
      { _id: id, 'subject.cprEncrypted.ciphertext': previous.ciphertext },
      { $set: { 'subject.cprEncrypted': next } },
    );
    return result.modifiedCount === 1;
  }
}
