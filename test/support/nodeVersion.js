// Jest's global set-up: every test runs on the project's own Node (the pinned `node` dev
// dependency that `npm test` puts first on the PATH), never on whatever the machine has.
module.exports = async () => {
  const supported = Number(require('../../package.json').engines.node.match(/>=(\d+)/)[1]);
  const major = Number(process.versions.node.split('.')[0]);
  console.log(`\nTestene kører på Node.js ${process.version}`);
  if (major !== supported) throw new Error(`Node.js ${process.version} understøttes ikke: kør testene med npm test (Node.js ${supported}).`);
};
