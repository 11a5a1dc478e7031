// `npm version patch|minor|major` runs this: the manifest takes the new version, and versions.json
// records which Obsidian version that release needs (only when minAppVersion changed), as Obsidian
// expects. Edit minAppVersion in manifest.json by hand before bumping when a newer API is used.
import { readFileSync, writeFileSync } from 'node:fs';

const version = process.env.npm_package_version;
if (!version) {
  console.error('Run this through `npm version`.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
const { minAppVersion } = manifest;
manifest.version = version;
writeFileSync('manifest.json', JSON.stringify(manifest, null, 2) + '\n');

const versions = JSON.parse(readFileSync('versions.json', 'utf8'));
if (!Object.values(versions).includes(minAppVersion)) versions[version] = minAppVersion;
writeFileSync('versions.json', JSON.stringify(versions, null, 2) + '\n');
