// A set of order ids kept as 64-bit fingerprints (two independent 32-bit FNV-1a variants) in an
// open-addressing table: about 16 bytes per id instead of a string and a Set entry (~80 bytes), so
// remembering every order of a million-row file costs megabytes, not hundreds of them. Two
// different ids share a fingerprint with probability about n^2 / 2^65 (1e-8 for a million ids);
// the import uses this only to notice an order's rows coming back after the order was written.

export class OrderIdSet {
  private table: Uint32Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    let size = 1 << 4;
    while (size < capacity * 2) size <<= 1;
    this.table = new Uint32Array(size * 2);
  }

  get size(): number {
    return this.used;
  }

  add(id: string): void {
    if ((this.used + 1) * 2 > this.table.length / 2) this.grow();
    const [a, b] = fingerprint(id);
    if (this.insert(this.table, a, b)) this.used++;
  }

  has(id: string): boolean {
    const [a, b] = fingerprint(id);
    const slots = this.table.length / 2;
    for (let i = a & (slots - 1); ; i = (i + 1) & (slots - 1)) {
      const x = this.table[i * 2];
      const y = this.table[i * 2 + 1];
      if (x === 0 && y === 0) return false;
      if (x === a && y === b) return true;
    }
  }

  private insert(table: Uint32Array, a: number, b: number): boolean {
    const slots = table.length / 2;
    for (let i = a & (slots - 1); ; i = (i + 1) & (slots - 1)) {
      const x = table[i * 2];
      const y = table[i * 2 + 1];
      if (x === 0 && y === 0) {
        table[i * 2] = a;
        table[i * 2 + 1] = b;
        return true;
      }
      if (x === a && y === b) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    const next = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.insert(next, old[i], old[i + 1]);
    this.table = next;
  }
}

/** Two 32-bit hashes of the id; (0, 0) is reserved for "empty". */
export function fingerprint(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a >>>= 0;
  b >>>= 0;
  return a === 0 && b === 0 ? [1, 0] : [a, b];
}
