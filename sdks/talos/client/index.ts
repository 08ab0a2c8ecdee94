export { getConfiguration, getConfigurationOutput } from "./getConfiguration";
export type { GetConfigurationArgs, GetConfigurationResult, GetConfigurationOutputArgs } from "./getConfiguration";
