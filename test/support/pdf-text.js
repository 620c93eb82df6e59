// Prints a PDF's text. Runs outside jest's module sandbox, where pdf.js's dynamic imports work.
const { readFileSync } = require('fs');
const { PDFParse } = require('pdf-parse');

new PDFParse({ data: readFileSync(process.argv[2]) })
  .getText()
  .then((result) => process.stdout.write(result.text))
  .catch((error) => {
    process.stderr.write(String(error));
    process.exit(1);
  });
