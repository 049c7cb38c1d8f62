import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCvr } from '../../cases/cvr';
import { InstitutionDirectoryFile } from '../../storage/institution-directory-file';

const SOLSIKKEN = {
  cvr: '13748136',
  name: 'Solsikkens Skole',
  secureMailAddress: 'sikkermail@solsikken.example',
};
const BOEGEBAKKEN = {
  cvr: '25313763',
  name: 'Bøgebakkens Børnehus',
  secureMailAddress: 'sikkermail@boegebakken.example',
};

let dir: string;
let file: string;
let problems: string[];
let directory: InstitutionDirectoryFile;
/** Each write moves the file's mtime a further minute on, so a change is always seen. */
let mtime: number;

/** Writes the file's content and bumps its mtime. */
function write(content: unknown) {
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  mtime += 60;
  fs.utimesSync(file, mtime, mtime);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));
  file = path.join(dir, 'institutions.json');
  problems = [];
  mtime = Math.floor(Date.now() / 1000);
  directory = new InstitutionDirectoryFile(file, (message) => problems.push(message));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('InstitutionDirectoryFile', () => {
  it('finds an institution by its CVR number', async () => {
    write({ institutions: [SOLSIKKEN, BOEGEBAKKEN] });
    expect(await directory.find('25313763')).toEqual(BOEGEBAKKEN);
    expect(await directory.find('13748136')).toEqual(SOLSIKKEN);
    expect(problems).toEqual([]);
  });

  it('does not find a CVR number that the file does not list', async () => {
    write({ institutions: [SOLSIKKEN] });
    expect(await directory.find('25313763')).toBeUndefined();
  });

  it('reads the file again after it changed', async () => {
    write({ institutions: [SOLSIKKEN] });
    expect(await directory.find(BOEGEBAKKEN.cvr)).toBeUndefined();
    write({ institutions: [SOLSIKKEN, BOEGEBAKKEN] });
    expect(await directory.find(BOEGEBAKKEN.cvr)).toEqual(BOEGEBAKKEN);
    write({ institutions: [BOEGEBAKKEN] });
    expect(await directory.find(SOLSIKKEN.cvr)).toBeUndefined();
  });

  it('finds nothing, and says why, when the file is missing', async () => {
    expect(await directory.find(SOLSIKKEN.cvr)).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(file);
  });

  it('uses a file that appears after a first failed read', async () => {
    expect(await directory.find(SOLSIKKEN.cvr)).toBeUndefined();
    write({ institutions: [SOLSIKKEN] });
    expect(await directory.find(SOLSIKKEN.cvr)).toEqual(SOLSIKKEN);
  });

  const broken: [string, unknown][] = [
    ['invalid JSON', '{"institutions": [ {"cvr": "13748136", '],
    ['a CVR number of 7 digits', { institutions: [{ ...BOEGEBAKKEN, cvr: '2531376' }] }],
    ['a CVR number with a leading 0', { institutions: [{ ...BOEGEBAKKEN, cvr: '02531376' }] }],
    [
      'a CVR number with a bad check digit',
      { institutions: [{ ...BOEGEBAKKEN, cvr: '25313764' }] },
    ],
    [
      'an invalid e-mail address',
      { institutions: [{ ...BOEGEBAKKEN, secureMailAddress: 'nope' }] },
    ],
    ['an institution without a name', { institutions: [{ ...BOEGEBAKKEN, name: '' }] }],
    ['the wrong shape', [BOEGEBAKKEN]],
  ];

  it.each(broken)('keeps the last good directory and reports a file with %s', async (_, bad) => {
    write({ institutions: [SOLSIKKEN] });
    expect(await directory.find(SOLSIKKEN.cvr)).toEqual(SOLSIKKEN);
    write(bad);
    expect(await directory.find(SOLSIKKEN.cvr)).toEqual(SOLSIKKEN);
    expect(await directory.find('25313764')).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toContain('could not be read');
  });

  it('recovers once a broken file is fixed', async () => {
    write({ institutions: [SOLSIKKEN] });
    await directory.find(SOLSIKKEN.cvr);
    write('not json');
    await directory.find(SOLSIKKEN.cvr);
    write({ institutions: [BOEGEBAKKEN] });
    expect(await directory.find(BOEGEBAKKEN.cvr)).toEqual(BOEGEBAKKEN);
    expect(await directory.find(SOLSIKKEN.cvr)).toBeUndefined();
  });
});

describe('institutions.example.json', () => {
  const example = path.resolve(__dirname, '../../institutions.example.json');

  it('parses as a directory without problems', async () => {
    const found: string[] = [];
    const exampleDirectory = new InstitutionDirectoryFile(example, (m) => found.push(m));
    expect(await exampleDirectory.find('13748136')).toMatchObject({ cvr: '13748136' });
    expect(found).toEqual([]);
  });

  it('lists only CVR numbers that pass parseCvr', () => {
    const parsed = JSON.parse(fs.readFileSync(example, 'utf8')) as {
      institutions: { cvr: string }[];
    };
    expect(parsed.institutions.length).toBeGreaterThan(0);
    const invalid = parsed.institutions.map((i) => i.cvr).filter((cvr) => !parseCvr(cvr).ok);
    expect(invalid).toEqual([]);
  });
});
