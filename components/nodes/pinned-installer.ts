/**
 * The k3s install script, pinned by commit and checked by sha256 before it runs as root. The
 * unpinned https://get.k3s.io serves whatever `main` holds at the time (the same bytes as
 * k3s-io/k3s install.sh on main), so a compromised or changed script would run on every node on
 * the next install or upgrade. The pinned URL serves one fixed file; the checksum makes a
 * tampered download (or a mistyped pin) fail before anything runs.
 *
 * To move the pin: pick a k3s-io/k3s commit, take the script's sha256 from `install.sh.sha256sum`
 * at that same commit (k3s keeps it next to the script, k3s-io/k3s#8312) or compute it with
 * `curl -sfL https://raw.githubusercontent.com/k3s-io/k3s/<commit>/install.sh | sha256sum`, and
 * change both fields together (docs/security.md). The script only installs; the k3s binary it
 * downloads is pinned by INSTALL_K3S_VERSION and checked by the script against the release's
 * sha256sum-<arch>.txt.
 */

/** Single-quotes for bash (the URL and digest are checked to hold no quote, but stay safe). */
const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A pinned install script: where to fetch it and the sha256 it must have. */
export interface InstallerPin {
    readonly commit: string;
    readonly sha256: string;
}

/**
 * k3s-io/k3s install.sh at commit 019b0afd; sha256 from that commit's `install.sh.sha256sum`
 * (https://github.com/k3s-io/k3s/blob/019b0afdd830e36f5e4b7a5b237e6a4339e6a6be/install.sh.sha256sum).
 */
export const K3S_INSTALLER: InstallerPin = {
    commit: "019b0afdd830e36f5e4b7a5b237e6a4339e6a6be",
    sha256: "68ae766b4c4fd2c8032f712cdd346c8f9d1ae60eaeb4736a1155effda44ea23d",
};

/** The raw URL of install.sh at the pinned commit (never a branch). */
export function installerUrl(pin: InstallerPin = K3S_INSTALLER): string {
    if (!/^[0-9a-f]{40}$/.test(pin.commit)) throw new Error(`k3s installer pin: ${pin.commit} is not a full commit id`);
    return `https://raw.githubusercontent.com/k3s-io/k3s/${pin.commit}/install.sh`;
}

/**
 * Bash lines that download the pinned script to `target` (a shell word, e.g. `"$workdir/install.sh"`)
 * and stop the script unless its sha256 matches. Indented by `indent` to sit inside a block.
 */
export function installerDownloadLines(target: string, indent = "", pin: InstallerPin = K3S_INSTALLER): string[] {
    if (!/^[0-9a-f]{64}$/.test(pin.sha256)) throw new Error(`k3s installer pin: ${pin.sha256} is not a sha256`);
    const url = installerUrl(pin);
    return [
        `curl -sfL --retry 5 --max-time 120 -o ${target} ${shQuote(url)} || { echo "could not download the k3s installer from ${url}" >&2; exit 1; }`,
        `installer_sha256="$(sha256sum ${target} | awk '{ print $1 }')"`,
        `if [[ "$installer_sha256" != ${shQuote(pin.sha256)} ]]; then`,
        `    echo "k3s install.sh from ${url} has sha256 $installer_sha256, expected ${pin.sha256}: not running it" >&2`,
        "    exit 1",
        "fi",
    ].map((l) => indent + l);
}
