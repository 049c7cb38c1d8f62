import type Database from 'better-sqlite3';
import type { EncryptedCpr } from '../../cases/cpr-protection';
import type { CiphertextStore, StoredCiphertext } from '../../cases/key-rotation';
import { statement } from './statements';

const PATH = '$.subject.cprEncrypted';

/** The CPR ciphertexts in the facts of the SQLite cases table. */
export class SqliteCiphertexts implements CiphertextStore {
  constructor(private readonly db: Database.Database) {}

  async underKey(keyId: string, limit: number): Promise<StoredCiphertext[]> {
    const rows = statement(
      this.db,
      `SELECT case_number AS id, json_extract(facts, '${PATH}') AS encrypted FROM cases
         WHERE json_extract(facts, '${PATH}.keyId') = ? LIMIT ?`,
    ).all(keyId, limit) as { id: string; encrypted: string }[];
    return rows.map((row) => ({ id: row.id, encrypted: JSON.parse(row.encrypted) }));
  }

  async replace(id: string, previous: EncryptedCpr, next: EncryptedCpr): Promise<boolean> {
    const result = statement(
      this.db,
      `UPDATE cases SET facts = json_set(facts, '${PATH}', json(?))
         WHERE case_number = ? AND json_extract(facts, '${PATH}.ciphertext') = ?`,
    ).run(JSON.stringify(next), id, previous.ciphertext);
    return result.changes === 1;
  }
}
