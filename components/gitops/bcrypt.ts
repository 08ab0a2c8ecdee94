/**
 * bcrypt for the ArgoCD admin password (`configs.secret.argocdServerAdminPassword` wants a bcrypt
 * hash). The hashing itself is bcryptjs; this module only fixes the salt so that the same
 * password and cluster always give the same hash — a random salt would change the chart values
 * on every run (a perpetual diff, and a session reset for ArgoCD users).
 */
import { createHmac } from "node:crypto";
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
 * otherwise hashed with a salt derived from `context` (the cluster name) and the password, so
 * the same config always yields the same hash.
 */
export function adminPasswordHash(password: string, context: string, cost = 10): string {
    if (isBcryptHash(password)) return password;
    const salt = new Uint8Array(createHmac("sha256", `homelab/argocd-admin/${context}`).update(password, "utf8").digest().subarray(0, 16));
    return bcrypt(password, salt, cost);
}
