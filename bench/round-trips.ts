import { MongoClient } from 'mongodb';
import type { CaseIn } from '../cases/case';
import type { CaseNumber } from '../cases/case-number';
import { jobsFor } from '../cases/effects';
import { MongoCaseStore, type CaseDocument } from '../storage/mongo/mongo-case-store';
import { MongoCounter, type CounterDocument } from '../storage/mongo/mongo-counter';
import { aCase } from '../test/support/case-builder';

/** Commands sent to the server per operation, counted by the driver's command monitoring. */
export interface RoundTrips {
  /** A transition that wins: the conditional write, with its jobs. */
  won: number;
  /** A transition that loses: the conditional write, then the read of the stored case. */
  lost: number;
  /** Reading a case. */
  read: number;
}

/** Counts the round trips of the MongoDB case store's operations on a database of its own. */
export async function mongoRoundTrips(uri: string): Promise<RoundTrips> {
  const client = new MongoClient(uri, { monitorCommands: true });
  await client.connect();
  const db = client.db();
  const store = new MongoCaseStore(
    db.collection<CaseDocument>('cases'),
    new MongoCounter(db.collection<CounterDocument>('counters')),
  );
  let commands = 0;
  client.on('commandStarted', () => commands++);
  const counted = async (work: () => Promise<unknown>) => {
    const before = commands;
    await work();
    return commands - before;
  };
  try {
    const filed = aCase({ caseNumber: 'UL-2099-00001' as CaseNumber });
    await store.create(filed, []);
    const approved: CaseIn<'approved'> = {
      ...filed,
      state: 'approved',
      decision: { by: { aadObjectId: 'approver-1', name: 'A' }, at: new Date().toISOString() },
    };
    const jobs = jobsFor(
      filed.caseNumber,
      [{ kind: 'sendMail' }, { kind: 'updateCard' }],
      new Date(),
    );
    const won = await counted(() => store.transition(filed.caseNumber, ['filed'], approved, jobs));
    const lost = await counted(() => store.transition(filed.caseNumber, ['filed'], approved, []));
    const read = await counted(() => store.get(filed.caseNumber));
    return { won, lost, read };
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}
