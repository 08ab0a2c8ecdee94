import { requiredSecrets } from "../../config/required-secrets";
import { validateConfig } from "../../config/validate";
import { baseConfig } from "../harness";

function needs(storageBackupTarget: string): string[] {
    const raw = { ...baseConfig("k3s"), storage: { longhorn: { enabled: true, replicas: 1, backup: { target: storageBackupTarget } } } };
    const r = validateConfig(raw);
    if (!r.config) throw new Error(r.errors.map((e) => e.path + " " + e.message).join("\n"));
    return requiredSecrets(r.config).map((s) => s.key);
}

describe("requiredSecrets", () => {
    it("asks for the backup keys of S3 and CIFS targets, not of NFS ones", () => {
        expect(needs("s3://bucket@us-east-1/")).toEqual(["sshPrivateKey", "backupAccessKeyId", "backupSecretAccessKey"]);
        expect(needs("cifs://nas/backups")).toEqual(["sshPrivateKey", "backupAccessKeyId", "backupSecretAccessKey"]);
        expect(needs("nfs://10.0.0.5:/longhorn")).toEqual(["sshPrivateKey"]);
    });
});
