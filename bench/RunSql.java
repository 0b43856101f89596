// SPDX-License-Identifier: AGPL-3.0-or-later
//
// Runs one SQL file against a running Machi's embedded PostgreSQL, for loading benchmark data
// (bench/facilities-5000.sql) into a server started for a benchmark only. Needs the PostgreSQL JDBC driver:
//
//   java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar bench/RunSql.java \
//        jdbc:postgresql://127.0.0.1:15490/postgres bench/facilities-5000.sql
//
// Loopback only; user postgres (the embedded server's), no password.

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

public class RunSql {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RunSql <jdbc url> <file.sql>");
            System.exit(2);
        }
        String host = URI.create(args[0].substring("jdbc:".length())).getHost();
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            System.err.println("only a loopback database is allowed");
            System.exit(2);
        }
        String sql = Files.readString(Path.of(args[1]));
        try (var c = DriverManager.getConnection(args[0], "postgres", ""); var s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute(sql);
            System.out.printf("ran %s in %.1f s%n", args[1], (System.nanoTime() - t) / 1e9);
        }
    }
}
