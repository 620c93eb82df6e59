// Draws the app's two Teams icons as PNGs with no dependencies: color.png (192×192, violet like the
// Adfærd perspective, three white bars for the three perspectives) and outline.png (32×32, white on
// transparent, as Teams requires). Run: node scripts/make-icons.js
const { writeFileSync } = require('fs');
const { join } = require('path');
const { deflateSync } = require('zlib');

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0))
  ]);
}

/** Three horizontal bars of falling length, in a square of `size`, inset by `inset`. */
function onBar(x, y, size, inset) {
  const bar = (size - 2 * inset) / 5;
  for (let i = 0; i < 3; i++) {
    const top = inset + bar * (2 * i);
    const right = size - inset - i * bar;
    if (y >= top && y < top + bar && x >= inset && x < right) return true;
  }
  return false;
}

const violet = [0x6b, 0x3f, 0xa0, 0xff];
const white = [0xff, 0xff, 0xff, 0xff];
const clear = [0, 0, 0, 0];
const folder = join(__dirname, '..', 'appPackage');
writeFileSync(join(folder, 'color.png'), png(192, (x, y) => (onBar(x, y, 192, 44) ? white : violet)));
writeFileSync(join(folder, 'outline.png'), png(32, (x, y) => (onBar(x, y, 32, 6) ? white : clear)));
