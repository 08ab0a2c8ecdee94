// Placeholder: the Talos bindings are added by the Talos nodes issue.
export {};
