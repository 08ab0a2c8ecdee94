/**
 * bcrypt for the ArgoCD admin password (`configs.secret.argocdServerAdminPassword` wants a bcrypt
 * hash). The hashing itself is bcryptjs. The salt is passed in: the component draws it once from
 * a secret `random.RandomBytes` kept in state, so the same password gives the same hash on every
 * run (no perpetual diff) while the salt stays unknown to anyone without the state. A salt
 * derived from the password itself would let a leaked hash be checked with one HMAC per guess
 * instead of one bcrypt (docs/security.md).
 */
import { createHash } from "node:crypto";
import bcryptjs from "bcryptjs";

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
    const saltText = `$2a$${String(cost).padStart(2, "0")}$${bcryptjs.encodeBase64(Array.from(salt), 16)}`;
    return bcryptjs.hashSync(password, saltText);
}

/** Verifies `password` against a `$2a$`/`$2b$`/`$2y$` hash (used by tests and docs examples). */
export function bcryptVerify(password: string, hash: string): boolean {
    if (!isBcryptHash(hash)) return false;
    return bcryptjs.compareSync(password, hash);
}

/**
 * The admin password as ArgoCD stores it: passed through when it already is a bcrypt hash,
 * otherwise hashed with `salt` (16 random bytes kept in state), so the same password and salt
 * always yield the same hash.
 */
export function adminPasswordHash(password: string, salt: Uint8Array, cost = 10): string {
    if (isBcryptHash(password)) return password;
    return bcrypt(password, salt, cost);
}

/**
 * What the `admin.passwordMtime` stamp is keyed on: a digest of the hash, so the stamp is taken
 * again exactly when the hash changes (new password, new salt) and never otherwise. Only a digest
 * goes into the trigger, and the component keeps it secret anyway.
 */
export function passwordChangeKey(hash: string): string {
    return createHash("sha256").update(`homelab/argocd-admin-mtime/${hash}`, "utf8").digest("hex");
}
