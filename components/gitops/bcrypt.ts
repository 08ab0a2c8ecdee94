/**
 * bcrypt (the `$2a$` modular-crypt format ArgoCD expects in `argocd-secret` `admin.password`),
 * implemented from the published algorithm because no bcrypt package is a project dependency.
 *
 * Why it exists: an operator-supplied `argocdAdminPassword` must reach ArgoCD hashed
 * (https://argo-cd.readthedocs.io/en/stable/faq/#i-forgot-the-admin-password-how-do-i-reset-it),
 * and the same config must register the same inputs on every run. A generated password uses
 * `random.RandomPassword.bcryptHash` instead; this module only hashes a password the operator set,
 * with a salt derived from the cluster name and the password (HMAC-SHA256), so the hash is stable.
 *
 * Algorithm: Provos & Mazieres, "A Future-Adaptable Password Scheme" (USENIX 1999), with the
 * OpenBSD `$2a$` conventions (key = UTF-8 bytes + NUL, at most 72 bytes; 64 encryptions of
 * "OrpheanBeholderScryDoubt"; 23 output bytes; bcrypt's own base64 alphabet). Blowfish's initial
 * P-array and S-boxes are the hexadecimal digits of pi (Schneier 1993); they are computed here
 * with BigInt arithmetic instead of being transcribed.
 */
import { createHmac } from "node:crypto";

const WORDS = 18 + 4 * 256;

let piWords: Uint32Array | undefined;

/** The first `WORDS` 32-bit words of the fractional part of pi (Machin's formula, BigInt). */
function blowfishConstants(): Uint32Array {
    if (piWords) return piWords;
    const bits = BigInt(WORDS * 32);
    const guard = 64n;
    const one = 1n << (bits + guard);
    const arctanInv = (x: bigint): bigint => {
        let power = one / x;
        const x2 = x * x;
        let sum = 0n;
        for (let k = 0n; power !== 0n; k++) {
            const term = power / (2n * k + 1n);
            sum = k % 2n === 0n ? sum + term : sum - term;
            power /= x2;
        }
        return sum;
    };
    const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
    const frac = (pi - 3n * one) >> guard;
    const out = new Uint32Array(WORDS);
    for (let i = 0; i < WORDS; i++) out[i] = Number((frac >> (bits - BigInt(32 * (i + 1)))) & 0xffffffffn);
    piWords = out;
    return out;
}

interface State {
    p: Uint32Array;
    s: Uint32Array; // four S-boxes, 256 words each
}

function encipher(st: State, lr: Uint32Array): void {
    const { p, s } = st;
    let l = lr[0];
    let r = lr[1];
    const f = (x: number) => ((((s[x >>> 24] + s[256 + ((x >>> 16) & 0xff)]) ^ s[512 + ((x >>> 8) & 0xff)]) + s[768 + (x & 0xff)]) >>> 0);
    l = (l ^ p[0]) >>> 0;
    for (let i = 1; i <= 16; i += 2) {
        r = (r ^ f(l) ^ p[i]) >>> 0;
        l = (l ^ f(r) ^ p[i + 1]) >>> 0;
    }
    lr[0] = (r ^ p[17]) >>> 0;
    lr[1] = l;
}

/** Reads the next 32-bit big-endian word of `data`, cycling. */
function streamWord(data: Uint8Array, pos: { i: number }): number {
    let w = 0;
    for (let k = 0; k < 4; k++) {
        w = ((w << 8) | data[pos.i]) >>> 0;
        pos.i = (pos.i + 1) % data.length;
    }
    return w;
}

/** Blowfish key schedule with an optional salt mixed into every block (bcrypt's ExpandKey). */
function expandKey(st: State, key: Uint8Array, salt?: Uint8Array): void {
    const kp = { i: 0 };
    for (let i = 0; i < 18; i++) st.p[i] = (st.p[i] ^ streamWord(key, kp)) >>> 0;
    const sp = { i: 0 };
    const lr = new Uint32Array(2);
    const fill = (arr: Uint32Array) => {
        for (let i = 0; i < arr.length; i += 2) {
            if (salt) {
                lr[0] ^= streamWord(salt, sp);
                lr[1] ^= streamWord(salt, sp);
            }
            encipher(st, lr);
            arr[i] = lr[0];
            arr[i + 1] = lr[1];
        }
    };
    fill(st.p);
    fill(st.s);
}

const B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** bcrypt's base64: its own alphabet, no padding, `len` bytes. */
function encode(bytes: Uint8Array, len: number): string {
    let out = "";
    let i = 0;
    while (i < len) {
        let c1 = bytes[i++];
        out += B64[(c1 >> 2) & 0x3f];
        c1 = (c1 & 0x03) << 4;
        if (i >= len) {
            out += B64[c1];
            break;
        }
        let c2 = bytes[i++];
        c1 |= (c2 >> 4) & 0x0f;
        out += B64[c1];
        c1 = (c2 & 0x0f) << 2;
        if (i >= len) {
            out += B64[c1];
            break;
        }
        c2 = bytes[i++];
        c1 |= (c2 >> 6) & 0x03;
        out += B64[c1] + B64[c2 & 0x3f];
    }
    return out;
}

/** Inverse of `encode` for the 22-character salt. */
function decode(text: string, len: number): Uint8Array {
    const vals = [...text].map((ch) => {
        const v = B64.indexOf(ch);
        if (v < 0) throw new Error("bcrypt: invalid salt character");
        return v;
    });
    const out: number[] = [];
    for (let i = 0; i + 1 < vals.length && out.length < len; i += 4) {
        out.push(((vals[i] << 2) | (vals[i + 1] >> 4)) & 0xff);
        if (out.length >= len || i + 2 >= vals.length) break;
        out.push((((vals[i + 1] & 0x0f) << 4) | (vals[i + 2] >> 2)) & 0xff);
        if (out.length >= len || i + 3 >= vals.length) break;
        out.push((((vals[i + 2] & 0x03) << 6) | vals[i + 3]) & 0xff);
    }
    return Uint8Array.from(out);
}

/** Is `s` already a bcrypt hash (then it is passed through, not hashed twice)? */
export function isBcryptHash(s: string): boolean {
    return /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/.test(s);
}

/**
 * `$2a$<cost>$<salt><hash>` for `password` with a 16-byte `salt`. `cost` is log2 of the rounds
 * (ArgoCD's own `argocd account bcrypt` uses 10).
 */
export function bcrypt(password: string, salt: Uint8Array, cost = 10): string {
    if (salt.length !== 16) throw new Error("bcrypt: salt must be 16 bytes");
    if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new Error("bcrypt: cost must be 4..31");
    const key = new Uint8Array([...new TextEncoder().encode(password), 0].slice(0, 72));
    const init = blowfishConstants();
    const st: State = { p: init.slice(0, 18), s: init.slice(18) };
    expandKey(st, key, salt);
    for (let i = 0, n = 2 ** cost; i < n; i++) {
        expandKey(st, key);
        expandKey(st, salt);
    }
    const magic = Buffer.from("OrpheanBeholderScryDoubt", "latin1");
    const ctext = new Uint32Array(6);
    for (let i = 0; i < 6; i++) ctext[i] = magic.readUInt32BE(4 * i);
    const pair = new Uint32Array(2);
    for (let j = 0; j < 3; j++) {
        pair[0] = ctext[2 * j];
        pair[1] = ctext[2 * j + 1];
        for (let i = 0; i < 64; i++) encipher(st, pair);
        ctext[2 * j] = pair[0];
        ctext[2 * j + 1] = pair[1];
    }
    const out = Buffer.alloc(24);
    for (let i = 0; i < 6; i++) out.writeUInt32BE(ctext[i], 4 * i);
    return `$2a$${String(cost).padStart(2, "0")}$${encode(salt, 16)}${encode(new Uint8Array(out), 23)}`;
}

/** Verifies `password` against a `$2a$`/`$2b$`/`$2y$` hash (used by tests and docs examples). */
export function bcryptVerify(password: string, hash: string): boolean {
    const m = /^\$2[aby]\$(\d{2})\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/.exec(hash);
    if (!m) return false;
    // Compare the hash part only: the salt's last character carries 2 unused bits.
    const again = bcrypt(password, decode(m[2], 16), Number(m[1]));
    return again.slice(-31) === m[3];
}

/**
 * The admin password as ArgoCD stores it: passed through when it already is a bcrypt hash,
 * otherwise hashed with a salt derived from `context` (the cluster name) and the password, so
 * the same config always yields the same hash (no perpetual diff, no session reset per run).
 */
export function adminPasswordHash(password: string, context: string, cost = 10): string {
    if (isBcryptHash(password)) return password;
    const salt = new Uint8Array(createHmac("sha256", `homelab/argocd-admin/${context}`).update(password, "utf8").digest().subarray(0, 16));
    return bcrypt(password, salt, cost);
}
