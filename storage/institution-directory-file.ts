import fs from 'node:fs/promises';
import { z } from 'zod';
import { parseCvr } from '../cases/cvr';
import type { Institution, InstitutionDirectory } from '../cases/secure-mail';

const fileSchema = z.strictObject({
  institutions: z.array(
    z.strictObject({
      cvr: z.string().refine((cvr) => parseCvr(cvr).ok, { message: 'is not a valid CVR number' }),
      name: z.string().min(1).max(200),
      secureMailAddress: z.email(),
    }),
  ),
});

/**
 * The institution directory as a JSON file (INSTITUTIONS_FILE). The file is read again when
 * it changes, so adding an institution needs no restart; a broken file keeps the last good one.
 */
export class InstitutionDirectoryFile implements InstitutionDirectory {
  private loaded?: { mtimeMs: number; byCvr: Map<string, Institution> };

  constructor(
    private readonly file: string,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  async find(cvr: string): Promise<Institution | undefined> {
    return (await this.current()).get(cvr);
  }

  private async current(): Promise<Map<string, Institution>> {
    try {
      const { mtimeMs } = await fs.stat(this.file);
      if (this.loaded?.mtimeMs === mtimeMs) return this.loaded.byCvr;
      const parsed = fileSchema.parse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      const byCvr = new Map(parsed.institutions.map((i) => [i.cvr, i]));
      this.loaded = { mtimeMs, byCvr };
      return byCvr;
    } catch (error) {
      this.onProblem(`institution directory ${this.file} could not be read: ${String(error)}`);
      return this.loaded?.byCvr ?? new Map();
    }
  }
}
