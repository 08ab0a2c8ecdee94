export { getConfiguration, getConfigurationOutput, GetConfigurationArgs, GetConfigurationResult, GetConfigurationOutputArgs } from "./getConfiguration";
