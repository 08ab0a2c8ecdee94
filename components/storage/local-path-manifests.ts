/**
 * Pure renderer for rancher/local-path-provisioner, following its `deploy/local-path-storage.yaml`
 * @ v0.0.32 with three changes (as the Talos local-storage guide does): the volume directory, a
 * privileged namespace (helper pods use hostPath), and the class' default flag. The helper image
 * is pinned too. Objects carry no apiVersion/kind: the typed Pulumi classes add them.
 * https://www.talos.dev/v1.9/kubernetes-guides/configuration/local-storage/
 */
import type * as k8s from "@pulumi/kubernetes";
import { privilegedNamespaceLabels } from "./common";


export const localPathNamespace = "local-path-storage";
export const localPathClassName = "local-path";
const serviceAccount = "local-path-provisioner-service-account";
const roleName = "local-path-provisioner-role";
const bindingName = "local-path-provisioner-bind";
const configName = "local-path-config";

export interface LocalPathInput {
    /** Host directory that holds the volumes. */
    readonly path: string;
    readonly isDefault: boolean;
    readonly reclaimPolicy: "Retain" | "Delete";
    readonly image: string;
    readonly helperImage: string;
}

export interface LocalPathObjects {
    readonly namespace: k8s.types.input.core.v1.Namespace;
    readonly serviceAccount: k8s.types.input.core.v1.ServiceAccount;
    readonly role: k8s.types.input.rbac.v1.Role;
    readonly clusterRole: k8s.types.input.rbac.v1.ClusterRole;
    readonly roleBinding: k8s.types.input.rbac.v1.RoleBinding;
    readonly clusterRoleBinding: k8s.types.input.rbac.v1.ClusterRoleBinding;
    readonly configMap: k8s.types.input.core.v1.ConfigMap;
    readonly deployment: k8s.types.input.apps.v1.Deployment;
    readonly storageClass: k8s.types.input.storage.v1.StorageClass;
}

/** The provisioner's config.json: one path for every node. */
export function localPathConfig(path: string): string {
    return JSON.stringify({ nodePathMap: [{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: [path] }] }, null, 2);
}

function helperPod(image: string): string {
    return [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: helper-pod",
        "spec:",
        "  priorityClassName: system-node-critical",
        "  tolerations:",
        "    - key: node.kubernetes.io/disk-pressure",
        "      operator: Exists",
        "      effect: NoSchedule",
        "  containers:",
        "    - name: helper-pod",
        `      image: ${image}`,
        "      imagePullPolicy: IfNotPresent",
        "",
    ].join("\n");
}

export function localPathObjects(i: LocalPathInput): LocalPathObjects {
    const ns = localPathNamespace;
    const labels = { app: "local-path-provisioner" };
    const subject = [{ kind: "ServiceAccount", name: serviceAccount, namespace: ns }];
    return {
        namespace: { metadata: { name: ns, labels: privilegedNamespaceLabels() } },
        serviceAccount: { metadata: { name: serviceAccount, namespace: ns } },
        role: {
            metadata: { name: roleName, namespace: ns },
            rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "create", "patch", "update", "delete"] }],
        },
        clusterRole: {
            metadata: { name: roleName },
            rules: [
                { apiGroups: [""], resources: ["nodes", "persistentvolumeclaims", "configmaps", "pods", "pods/log"], verbs: ["get", "list", "watch"] },
                { apiGroups: [""], resources: ["persistentvolumes"], verbs: ["get", "list", "watch", "create", "patch", "update", "delete"] },
                { apiGroups: [""], resources: ["events"], verbs: ["create", "patch"] },
                { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: ["get", "list", "watch"] },
            ],
        },
        roleBinding: {
            metadata: { name: bindingName, namespace: ns },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: roleName },
            subjects: subject,
        },
        clusterRoleBinding: {
            metadata: { name: bindingName },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
            subjects: subject,
        },
        configMap: {
            metadata: { name: configName, namespace: ns },
            data: {
                "config.json": localPathConfig(i.path),
                setup: '#!/bin/sh\nset -eu\nmkdir -m 0777 -p "$VOL_DIR"\n',
                teardown: '#!/bin/sh\nset -eu\nrm -rf "$VOL_DIR"\n',
                "helperPod.yaml": helperPod(i.helperImage),
            },
        },
        deployment: {
            metadata: { name: "local-path-provisioner", namespace: ns },
            spec: {
                replicas: 1,
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: serviceAccount,
                        containers: [
                            {
                                name: "local-path-provisioner",
                                image: i.image,
                                imagePullPolicy: "IfNotPresent",
                                command: ["local-path-provisioner", "--debug", "start", "--config", "/etc/config/config.json"],
                                volumeMounts: [{ name: "config-volume", mountPath: "/etc/config/" }],
                                env: [
                                    { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                                    { name: "CONFIG_MOUNT_PATH", value: "/etc/config/" },
                                ],
                            },
                        ],
                        volumes: [{ name: "config-volume", configMap: { name: configName } }],
                    },
                },
            },
        },
        storageClass: {
            metadata: {
                name: localPathClassName,
                annotations: { "storageclass.kubernetes.io/is-default-class": i.isDefault ? "true" : "false" },
            },
            provisioner: "rancher.io/local-path",
            volumeBindingMode: "WaitForFirstConsumer",
            reclaimPolicy: i.reclaimPolicy,
        },
    };
}
