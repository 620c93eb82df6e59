// Validates appPackage/manifest.json against the Teams schema, offline, with the ${{VARIABLES}}
// filled in from an env file (default env/.env.dev). Prints the errors; exits 1 if there are any.
// Usage: node scripts/validate-manifest.js [env-file]
const { readFileSync } = require('fs');
const { join } = require('path');
const { AppManifestUtils } = require('@microsoft/app-manifest');

const root = join(__dirname, '..');
const envFile = process.argv[2] ?? join(root, 'env', '.env.dev');
const values = Object.fromEntries(
  readFileSync(envFile, 'utf8')
    .split('\n')
    .map((line) => /^\s*([A-Z0-9_]+)=(.*)$/.exec(line))
    .filter(Boolean)
    .map((m) => [m[1], m[2].trim()])
);
const text = readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8').replace(/\$\{\{(\w+)\}\}/g, (_, name) => {
  if (!(name in values)) throw new Error(`${envFile} has no value for ${name}`);
  return values[name];
});

AppManifestUtils.validateAgainstSchema(JSON.parse(text)).then((errors) => {
  process.stdout.write(JSON.stringify(errors));
  process.exit(errors.length ? 1 : 0);
});
