import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundleDependencies, bundleDependenciesInTheBackground, loadBundledDependencies } from './bundled-dependencies.ts';

const run = promisify(execFile);
const MODULE = pathToFileURL(path.join(import.meta.dirname, 'bundled-dependencies.ts')).href;

describe('bundled dependencies (decision 0024)', () => {
  let root: string;
  let folder: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-bundles-'));
    folder = path.join(root, 'bundle');
    await bundleDependencies(folder);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('names every entry point TypeBox and Kysely export in its manifest', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    for (const specifier of ['typebox', 'typebox/compile', 'typebox/value', 'kysely', 'kysely/helpers/postgres'])
      assert.ok(manifest.files.includes(manifest.entries[specifier]), `${specifier} is bundled`);
    assert.deepEqual(fs.readdirSync(folder).sort(), [...manifest.files, 'manifest.json'].sort());
  });

  it('serves every import of them from the bundle, and they work as installed', async () => {
    const script = `
      import { loadBundledDependencies } from ${JSON.stringify(MODULE)};
      const used = loadBundledDependencies(${JSON.stringify(folder)});
      const { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, DummyDriver } = await import('kysely');
      const { Type } = await import('typebox');
      const { Compile } = await import('typebox/compile');
      const db = new Kysely({ dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(),
        createIntrospector: (d) => new SqliteIntrospector(d), createQueryCompiler: () => new SqliteQueryCompiler() } });
      const sql = db.selectFrom('incidents').select('id').where('key', '=', 'INC-1').compile().sql;
      const check = Compile(Type.Object({ title: Type.String({ minLength: 1 }) }));
      console.log(JSON.stringify({ used, resolved: [import.meta.resolve('kysely'), import.meta.resolve('typebox/compile')],
        sql, good: check.Check({ title: 'x' }), bad: check.Check({ title: '' }) }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    const out = JSON.parse(stdout);
    assert.equal(out.used, true);
    for (const url of out.resolved) assert.ok(url.startsWith(pathToFileURL(folder).href), `${url} is in the bundle`);
    assert.equal(out.sql, 'select "id" from "incidents" where "key" = ?');
    assert.deepEqual([out.good, out.bad], [true, false]);
  });

  it('keeps the first bundle when a second build of the same folder finishes later', async () => {
    const manifest = fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8');
    await bundleDependencies(folder);
    assert.equal(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'), manifest);
    assert.deepEqual(fs.readdirSync(root), ['bundle'], 'the second build left nothing behind');
  });

  it('builds in a child process of its own, off the start', async () => {
    const later = path.join(root, 'later');
    bundleDependenciesInTheBackground(later);
    const building = fs.readdirSync(root).filter((name) => name.startsWith('later.'));
    assert.equal(building.length, 0, 'the folder of a build is made by the child, not by the start');
    for (let waited = 0; !fs.existsSync(path.join(later, 'manifest.json')); waited += 50) {
      assert.ok(waited < 30_000, 'the background build finished within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(JSON.parse(fs.readFileSync(path.join(later, 'manifest.json'), 'utf8')).entries.kysely);
  });

  it('drops a bundle that lost a file, loading the packages as installed, so that it is built anew', async () => {
    const broken = path.join(root, 'broken');
    await bundleDependencies(broken);
    const manifest = JSON.parse(fs.readFileSync(path.join(broken, 'manifest.json'), 'utf8'));
    fs.rmSync(
      path.join(
        broken,
        manifest.files.find((file: string) => file.startsWith('shared-')),
      ),
    );
    assert.equal(loadBundledDependencies(broken), false);
    assert.equal(fs.existsSync(broken), false);
  });

  it('drops a bundle whose manifest makes no sense, without failing the start', async () => {
    const garbled = path.join(root, 'garbled');
    await bundleDependencies(garbled);
    fs.writeFileSync(path.join(garbled, 'manifest.json'), '{"entries":');
    assert.equal(loadBundledDependencies(garbled), false);
    assert.equal(fs.existsSync(garbled), false);
  });

  it('hooks nothing when there is no finished bundle', () => {
    assert.equal(loadBundledDependencies(path.join(root, 'none')), false);
  });
});
