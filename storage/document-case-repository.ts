import { caseSchema, formatCaseNumber, type Case } from '../cases/case';
import type { CaseRepository, Versioned, WriteOutcome } from '../cases/ports';
import type { CollectionSpec, Counter, DocumentCollection } from './document-collection';

/** The cases collection: one document per case, keyed by its case number. */
export const casesSpec: CollectionSpec<Case> = {
  name: 'cases',
  schema: caseSchema,
  indexes: ['requester.aadObjectId', 'state', 'filedAt'],
};

const withoutKey = ({ value, version }: Versioned<Case>): Versioned<Case> => ({ value, version });

/** Cases on any document store: the same code serves MongoDB and SQLite. */
export class DocumentCaseRepository implements CaseRepository {
  constructor(
    private readonly cases: DocumentCollection<Case>,
    private readonly counter: Counter,
  ) {}

  async nextCaseNumber(year: number): Promise<string> {
    return formatCaseNumber(year, await this.counter.next(`case-number-${year}`));
  }

  create(value: Case): Promise<WriteOutcome> {
    return this.cases.put(value.caseNumber, value, 0);
  }

  async get(caseNumber: string): Promise<Versioned<Case> | undefined> {
    const found = await this.cases.get(caseNumber);
    return found && withoutKey(found);
  }

  replace(value: Case, expectedVersion: number): Promise<WriteOutcome> {
    return this.cases.put(value.caseNumber, value, expectedVersion);
  }

  async listByRequester(aadObjectId: string, limit: number): Promise<Versioned<Case>[]> {
    const found = await this.cases.find({
      where: { 'requester.aadObjectId': aadObjectId },
      orderBy: { field: 'filedAt', direction: 'desc' },
      limit,
    });
    return found.map(withoutKey);
  }

  async listByState(states: readonly Case['state'][], limit: number): Promise<Versioned<Case>[]> {
    const found = await this.cases.find({
      where: { state: { in: states } },
      orderBy: { field: 'filedAt', direction: 'asc' },
      limit,
    });
    return found.map(withoutKey);
  }
}
