package io.stowage.cli.admin;

import io.stowage.admin.client.Info;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** `stowage admin info`: what the server says about itself. */
@Command(name = "info", description = "Shows the server's version, region, addresses, data directory and counts.")
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Override
    public Integer call() {
        return admin.run((client, out) -> {
            Info info = client.info();
            if (out.json()) {
                out.json(info);
                return;
            }
            out.fields(List.of(
                    List.of("version:", Output.text(info.version())),
                    List.of("region:", Output.text(info.region())),
                    List.of("S3 address:", Output.text(info.s3Address())),
                    List.of("admin address:", Output.text(info.adminAddress())),
                    List.of("data directory:", Output.text(info.dataDir())),
                    List.of("buckets:", String.valueOf(info.buckets())),
                    List.of("users:", String.valueOf(info.users())),
                    List.of("started:", Output.time(info.startedAt()))));
        });
    }
}
