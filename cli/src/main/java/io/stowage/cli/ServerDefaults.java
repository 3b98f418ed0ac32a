package io.stowage.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where `stowage server` takes a setting the command line does not give: the environment
 * variable STOWAGE_NAME of option --name, then the key name of the config file, then the option's
 * built-in default. One naming rule, so every flag is settable all three ways. `stowage operator`
 * uses the same rule without a config file.
 */
final class ServerDefaults implements IDefaultValueProvider {

    private final Map<String, String> env;
    private final Map<String, String> file;

    /** The environment only: the defaults of the first parse, before the config file is known. */
    ServerDefaults() {
        this(System.getenv(), Map.of());
    }

    /**
     * @param env the process environment
     * @param file the config file's settings by key (option name without the dashes); empty without a file
     */
    ServerDefaults(Map<String, String> env, Map<String, String> file) {
        this.env = env;
        this.file = file;
    }

    /** The environment variable of an option: --admin-address is STOWAGE_ADMIN_ADDRESS. */
    static String envName(OptionSpec option) {
        return "STOWAGE_" + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The config file key of an option: its long name without the dashes. */
    static String key(OptionSpec option) {
        return option.longestName().substring(2);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String fromEnv = env.get(envName(option));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        return file.get(key(option));
    }
}
