package dev.terway4j.testkit;

import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generators of malformed input, for checking that a reader or validator fails only with its typed
 * exception: manifests (valid documents with edits, wrong types, huge values, unicode, alias bombs,
 * deep nesting, duplicate keys, truncation), kubectl selector strings, model label selectors that
 * break the Kubernetes rules, Go durations, and cloud ids with injected characters.
 *
 * <p>Most values are near misses of valid ones, which is where parsers break. Each generator
 * shrinks toward its smallest bad input. Stateless and thread-safe.
 */
public final class MalformedInputs {
  /** Characters that break YAML, JSON, selectors and query strings. */
  public static final String NOISE = ":-[]{}#&*!|>'\"%@`,?=()\\/ \n\t0aZ.~";

  /**
   * Unicode that parsers mishandle: NUL, BOM, RTL override, zero-width, a lone surrogate, emoji.
   */
  public static final List<String> UNICODE =
      List.of(
          "\u0000",
          "\uFEFF",
          "\u202E",
          "\u200B",
          "\uD800",
          "\uDFFF",
          "\uD83D\uDE00",
          "é",
          "Ａ",
          "٣");

  private static final Pattern KEY_VALUE =
      Pattern.compile("^(\\s*(?:- )?)([A-Za-z0-9_./-]+): (.+)$");

  private static final List<String> WRONG_TYPES =
      List.of(
          "[1, 2]",
          "{a: b}",
          "true",
          "~",
          "null",
          "123456789012345678901234567890",
          "-1e400",
          "0x7fffffffffffffff",
          ".nan",
          "!!binary aGVsbG8=",
          "&anchor x",
          "*missing",
          "\"unterminated",
          "|\n  block",
          "'single ''quoted'''");

  private MalformedInputs() {}

  /**
   * Returns malformed manifest texts: valid PodNetworking, PodENI, Pod, Namespace and Node
   * documents with 1 to 4 edits (inserted, deleted or replaced characters, unicode), a value
   * replaced by one of the wrong type, truncation, or one of the structural attacks (alias bomb,
   * deep nesting, huge scalar, many documents, duplicate keys). Some of them still read.
   *
   * @return the generator
   */
  public static Gen<String> manifests() {
    Gen<String> yaml = ModelGenerators.withEdgeCases().objects().map(Manifests::toYaml);
    Gen<String> json = ModelGenerators.withEdgeCases().objects().map(Manifests::toJson);
    Gen<String> documents = Gens.frequency(3, yaml, 1, json);
    Gen<String> edited =
        Gens.combine(documents, edit().listOf(1, 4), (text, edits) -> applyAll(text, edits));
    Gen<String> retyped =
        Gens.combine(
            yaml, Gens.integers(0, 10_000), Gens.elements(WRONG_TYPES), MalformedInputs::retype);
    Gen<String> truncated =
        Gens.combine(
            documents, Gens.integers(0, 10_000), (t, at) -> t.substring(0, at % t.length()));
    return Gens.frequency(
        List.of(
            Map.entry(5, edited),
            Map.entry(3, retyped),
            Map.entry(1, truncated),
            Map.entry(1, attacks())));
  }

  /**
   * Returns structural attacks on a YAML reader: alias bombs ("billion laughs"), deeply nested
   * sequences and maps, huge scalars and keys, thousands of documents, duplicate keys, and anchors
   * referring to themselves.
   *
   * @return the generator
   */
  public static Gen<String> attacks() {
    return Gens.oneOf(
        Gens.integers(2, 12).map(MalformedInputs::aliasBomb),
        Gens.integers(10, 5_000).map(d -> "a: " + "[".repeat(d) + "]".repeat(d)),
        Gens.integers(10, 2_000).map(MalformedInputs::nestedMaps),
        Gens.integers(1_000, 200_000)
            .map(
                n ->
                    "kind: PodNetworking\napiVersion: network.alibabacloud.com/v1beta1\nmetadata:\n  name: "
                        + "a".repeat(n)),
        Gens.integers(1_000, 100_000).map(n -> "k" + "x".repeat(n) + ": 1"),
        Gens.integers(100, 5_000).map(n -> "---\nkind: Namespace\napiVersion: v1\n".repeat(n)),
        Gens.constant(
            "kind: Namespace\napiVersion: v1\nmetadata:\n  name: a\n  name: b\nmetadata: {}\n"),
        Gens.constant("a: &a [*a]\n"),
        Gens.constant("&a a: *a\n"),
        Gens.constant("? [a, b]\n: c\n"),
        Gens.constant("%YAML 9.9\n---\na: b\n"),
        Gens.constant("!!python/object:os.system ['id']\n"));
  }

  /**
   * Returns kubectl selector strings that are mostly invalid: valid selectors with edits, operators
   * without operands, bad keys and values, unbalanced parentheses, unicode.
   *
   * @return the generator
   */
  public static Gen<String> selectorStrings() {
    Gen<String> valid = SelectorGenerators.selectors().map(Object::toString);
    Gen<String> edited =
        Gens.combine(valid, edit().listOf(1, 3), (text, edits) -> applyAll(text, edits));
    Gen<String> fragments =
        Gens.elements(
                "app",
                "=",
                "==",
                "!=",
                "in",
                "notin",
                "(",
                ")",
                ",",
                "!",
                ">",
                "<",
                "a/b/c",
                "-x",
                "x-",
                "a".repeat(64),
                "example.com/",
                "/name",
                "99999999999999999999",
                " ")
            .listOf(1, 8)
            .map(parts -> String.join("", parts));
    return Gens.oneOf(edited, fragments, Gens.strings(NOISE, 0, 20));
  }

  /**
   * Returns model label selectors of which at least one key, value or value count breaks the
   * Kubernetes rules.
   *
   * @return the generator
   */
  public static Gen<LabelSelector> invalidLabelSelectors() {
    Gen<String> badKeys =
        Gens.elements(
            "",
            "-app",
            "app-",
            "a b",
            "a/b/c",
            "/app",
            "example.com/",
            "Example..com/app",
            "a".repeat(64),
            "a".repeat(254) + "/app",
            "app\u0000",
            "ápp");
    Gen<String> badValues =
        Gens.elements("-v", "v-", "a b", "v".repeat(64), "v\n", "é", "v/w", "\uD800");
    Gen<LabelSelector> badMatchLabels =
        Gens.combine(
            badKeys,
            badValues,
            Gens.booleans(),
            (k, v, swap) ->
                LabelSelector.builder().putMatchLabels(swap ? "app" : k, swap ? v : "ok").build());
    Gen<LabelSelector> badKeyOnly =
        badKeys.map(k -> LabelSelector.builder().putMatchLabels(k, "ok").build());
    Gen<LabelSelector> badExpressions =
        Gens.combine(
            Gens.oneOf(SelectorGenerators.keys(), badKeys),
            Gens.enums(LabelSelectorOperator.class),
            Gens.oneOf(badValues, SelectorGenerators.values()).listOf(0, 3),
            (k, op, values) -> {
              boolean unary =
                  op == LabelSelectorOperator.EXISTS || op == LabelSelectorOperator.DOES_NOT_EXIST;
              List<String> vs = new ArrayList<>(values);
              // Make it wrong whatever was drawn: a unary operator with values, or a set operator
              // with none, or a bad value.
              if (unary && vs.isEmpty()) {
                vs.add("x");
              } else if (!unary && !vs.isEmpty()) {
                vs.set(0, "-bad-");
              }
              return LabelSelector.builder()
                  .addMatchExpressions(
                      LabelSelectorRequirement.of(k, op, vs.toArray(new String[0])))
                  .build();
            });
    return Gens.oneOf(badKeyOnly, badMatchLabels, badExpressions);
  }

  /**
   * Returns mostly invalid Go duration strings: edited valid ones, missing or unknown units,
   * overflows, signs, dots, unicode digits and spaces.
   *
   * @return the generator
   */
  public static Gen<String> durations() {
    Gen<String> valid = ModelGenerators.withEdgeCases().releaseAfters();
    Gen<String> edited =
        Gens.combine(valid, edit().listOf(1, 3), (text, edits) -> applyAll(text, edits));
    Gen<String> built =
        Gens.combine(
            Gens.elements("", "-", "+", "--", "+-"),
            Gens.elements(
                "",
                "0",
                "1",
                ".",
                "1.",
                ".5",
                "9223372036854775807",
                "99999999999999999999",
                "١",
                "1e3"),
            Gens.elements(
                "", "h", "m", "s", "ms", "us", "µs", "μs", "ns", "d", "y", "H", "sec", " s"),
            Gens.elements("", "5m", "1h", "x", " ", "\u0000"),
            (sign, number, unit, tail) -> sign + number + unit + tail);
    return Gens.oneOf(edited, built, Gens.strings("0123456789.hmsun-+µ ", 0, 12));
  }

  /**
   * Returns cloud ids that must be refused: a prefix (usually the right one) followed by characters
   * that would break or extend a request ({@code & = ? # / % \r \n}, spaces, quotes, unicode), or
   * nothing, or more than 64 characters.
   *
   * @param prefix the expected prefix, e.g. {@code eni-}
   * @return the generator; every value is invalid for that prefix
   */
  public static Gen<String> injectedIds(String prefix) {
    List<String> injections =
        List.of(
            "&Action=DeleteVpc",
            "=",
            "?x=1",
            "#frag",
            "/../",
            "%26",
            "\r\nHost: evil",
            "\n",
            " ",
            "\"",
            "'",
            "<script>",
            ";",
            "\u0000",
            "\u202E",
            "é",
            "\uD83D\uDE00",
            ".",
            "*");
    Gen<String> injected =
        Gens.combine(
            Gens.alphanumeric(0, 10),
            Gens.elements(injections),
            Gens.alphanumeric(0, 10),
            (head, bad, tail) -> prefix + head + bad + tail);
    return Gens.oneOf(
        injected,
        Gens.constant(prefix),
        Gens.alphanumeric(65, 80).map(s -> prefix + s),
        Gens.alphanumeric(1, 10).map(s -> "-" + s),
        Gens.combine(Gens.elements(UNICODE), Gens.alphanumeric(1, 5), (u, s) -> u + prefix + s));
  }

  // ------------------------------------------------------------------ edits

  /** One edit of a text: where, what and how. */
  private record Edit(int at, String with, int how) {}

  private static Gen<Edit> edit() {
    Gen<String> insert =
        Gens.frequency(
            4,
            Gens.integers(0, NOISE.length() - 1).map(i -> String.valueOf(NOISE.charAt(i))),
            1,
            Gens.elements(UNICODE));
    return Gens.combine(Gens.integers(0, 100_000), insert, Gens.integers(0, 2), Edit::new);
  }

  private static String applyAll(String text, List<Edit> edits) {
    String out = text;
    for (Edit e : edits) {
      int i = out.isEmpty() ? 0 : e.at() % (out.length() + 1);
      switch (e.how()) {
        case 0 -> out = out.substring(0, i) + e.with() + out.substring(i);
        case 1 -> out = i < out.length() ? out.substring(0, i) + out.substring(i + 1) : out;
        default ->
            out =
                i < out.length()
                    ? out.substring(0, i) + e.with() + out.substring(i + 1)
                    : out + e.with();
      }
    }
    return out;
  }

  private static String retype(String yaml, int pick, String value) {
    String[] lines = yaml.split("\n", -1);
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (KEY_VALUE.matcher(lines[i]).matches()) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return yaml + "\nspec: " + value;
    }
    int line = candidates.get(pick % candidates.size());
    Matcher m = KEY_VALUE.matcher(lines[line]);
    m.matches();
    lines[line] = m.group(1) + m.group(2) + ": " + value;
    return String.join("\n", lines);
  }

  private static String aliasBomb(int levels) {
    StringBuilder out =
        new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (int i = 1; i <= levels; i++) {
      String prev = "*a" + (i - 1);
      out.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(String.join(", ", List.of(prev, prev, prev, prev, prev, prev, prev, prev, prev)))
          .append("]\n");
    }
    out.append("kind: Namespace\napiVersion: v1\nmetadata:\n  name: n\n  labels: *a")
        .append(levels)
        .append('\n');
    return out.toString();
  }

  private static String nestedMaps(int depth) {
    StringBuilder out = new StringBuilder("kind: Namespace\napiVersion: v1\nmetadata:\n");
    for (int i = 0; i < depth; i++) {
      out.append("  ".repeat(i + 1)).append("k").append(": \n");
    }
    return out.toString();
  }

  // ------------------------------------------------- issue 13: hostile manifests, by class

  private static final String NAMESPACE_HEAD = "kind: Namespace\napiVersion: v1\n";

  /**
   * Returns hostile manifest texts of every class issue 13 found (items 5, 6, 13 and 14): {@link
   * #deepAndWideManifests()}, {@link #longPathManifests()}, {@link #longTokenManifests()}, {@link
   * #nullFirstDuplicateKeys()}, {@link #badTagManifests()} and {@link #badTimestampManifests()}.
   * Sizes stay within a few hundred kilobytes so that a default build stays fast; the reliability
   * suite's long mode draws more of them.
   *
   * @return the generator
   */
  public static Gen<String> hostileManifests() {
    return Gens.oneOf(
        deepAndWideManifests(),
        longPathManifests(),
        longTokenManifests(),
        nullFirstDuplicateKeys(),
        badTagManifests(),
        badTimestampManifests());
  }

  /**
   * Returns deep and wide documents: nested mappings and lists around the depth limit, lists of up
   * to 50,000 nulls or items, mappings of up to 5,000 keys, and up to 500 documents each with a
   * problem. Each one makes many problems, which a reader must bound (issue 13 item 5).
   *
   * @return the generator
   */
  public static Gen<String> deepAndWideManifests() {
    return Gens.oneOf(
        Gens.integers(1, 50_000).map(n -> "[" + "~,".repeat(n) + "~]\n"),
        Gens.integers(1, 50_000).map(n -> "{\"items\": [" + "null,".repeat(n) + "null]}"),
        Gens.integers(1, 5_000)
            .map(
                n -> {
                  StringBuilder out = new StringBuilder(NAMESPACE_HEAD + "metadata:\n  labels:\n");
                  for (int i = 0; i < n; i++) {
                    out.append("    k").append(i).append(": [").append(i).append("]\n");
                  }
                  return out.toString();
                }),
        Gens.integers(1, 500).map(n -> "---\nkind: Secret\napiVersion: v1\n".repeat(n)),
        Gens.combine(
            Gens.integers(50, 80),
            Gens.integers(1, 2_000),
            (depth, width) ->
                "a: "
                    + "{b: [".repeat(depth / 2)
                    + "~,".repeat(width)
                    + "~"
                    + "]}".repeat(depth / 2)
                    + "\n"));
  }

  /**
   * Returns documents whose field paths are long: up to 60 nested keys of up to 1,000 characters
   * over a list of up to 2,000 nulls, in the shape of issue 13's 80 KB manifest that exhausted a
   * 256 MiB heap (item 5), and single keys of up to 100,000 characters with a bad value.
   *
   * @return the generator
   */
  public static Gen<String> longPathManifests() {
    Gen<String> nested =
        Gens.combine(
            Gens.integers(1, 60),
            Gens.integers(1, 1_000),
            Gens.integers(1, 2_000),
            (levels, keyLength, nulls) -> {
              StringBuilder out = new StringBuilder(NAMESPACE_HEAD + "metadata:\n  labels:\n");
              for (int i = 0; i < levels; i++) {
                out.append("  ".repeat(i + 2))
                    .append("k".repeat(keyLength))
                    .append(i)
                    .append(":\n");
              }
              return out.append("  ".repeat(levels + 2))
                  .append("x: [")
                  .append("~,".repeat(nulls))
                  .append("~]\n")
                  .toString();
            });
    Gen<String> longKey =
        Gens.combine(
            Gens.integers(1_000, 100_000),
            Gens.elements("[1]", "1", "{a: 1}", "!!int x"),
            (n, value) ->
                NAMESPACE_HEAD
                    + "metadata:\n  name: a\n  labels:\n    ? \""
                    + "k".repeat(n)
                    + "\"\n    : "
                    + value
                    + "\n");
    return Gens.oneOf(nested, longKey);
  }

  /**
   * Returns documents with one long token: a plain, quoted or block scalar, a comment, a run of
   * spaces or a number of up to 300,000 characters. SnakeYAML's own reader took time quadratic in
   * such a token (15 s for 7 million characters, issue 13 item 6); numbers past 1,000 characters
   * must be refused before any conversion.
   *
   * @return the generator
   */
  public static Gen<String> longTokenManifests() {
    return Gens.combine(
        Gens.integers(1_000, 300_000),
        Gens.integers(0, 7),
        (n, shape) -> {
          String head = NAMESPACE_HEAD + "metadata:\n  name: ";
          return switch (shape) {
            case 0 -> head + "a".repeat(n) + "\n";
            case 1 -> head + "\"" + "a".repeat(n) + "\"\n";
            case 2 -> head + "'a" + " ".repeat(n) + "a'\n";
            case 3 -> head + "|\n    " + "a".repeat(n) + "\n";
            case 4 -> "# " + "c".repeat(n) + "\n" + head + "a\n";
            case 5 -> head + "a\n  uid: " + "1".repeat(n) + "\n";
            case 6 -> head + "a\n  uid: 1." + "1".repeat(n) + "e5\n";
            default -> "{\"metadata\": {\"uid\": " + "9".repeat(n) + "}}";
          };
        });
  }

  /**
   * Returns documents with a duplicate key whose first value is null ({@code kind: ~} then {@code
   * kind: Pod}), at the root or nested, in block or flow style. Every one must be refused (issue 13
   * item 13).
   *
   * @return the generator
   */
  public static Gen<String> nullFirstDuplicateKeys() {
    return Gens.combine(
        Gens.elements("~", "null", "Null", "NULL", ""),
        Gens.elements("kind", "apiVersion", "metadata", "name", "uid", "labels"),
        Gens.booleans(),
        (nil, key, flow) -> {
          boolean root = key.equals("kind") || key.equals("apiVersion") || key.equals("metadata");
          if (root) {
            String other = key.equals("metadata") ? "{name: a}" : key.equals("kind") ? "Pod" : "v1";
            return flow
                ? "{" + key + ": " + nil + ", " + key + ": " + other + ", name: x}\n"
                : key + ": " + nil + "\n" + key + ": " + other + "\n" + NAMESPACE_HEAD;
          }
          String other = key.equals("labels") ? "{a: b}" : "x";
          return NAMESPACE_HEAD
              + (flow
                  ? "metadata: {" + key + ": " + nil + ", " + key + ": " + other + "}\n"
                  : "metadata:\n  " + key + ": " + nil + "\n  " + key + ": " + other + "\n");
        });
  }

  /** YAML tags that a manifest reader must refuse: unknown, custom, or not fitting their value. */
  private static final List<String> BAD_TAGGED_VALUES =
      List.of(
          "!!int abc",
          "!!int 1.5",
          "!!float x",
          "!!bool maybe",
          "!!null x",
          "!custom x",
          "!x 1",
          "! x",
          "!!str {a: b}",
          "!!str [a]",
          "!!map [a]",
          "!!seq {a: b}",
          "!!binary aGVsbG8=",
          "!!timestamp 2001-12-14",
          "!!set {a: ~}",
          "!!omap [a: 1]",
          "!<tag:example.com,2000:x> y",
          "!!python/object:os.system x");

  /**
   * Returns manifests (valid PodNetworking, PodENI, Pod, Namespace and Node documents) in which one
   * value was replaced by a tagged value that must be refused: {@code !!int abc}, {@code !custom
   * x}, a {@code !!str} on a mapping and the like (issue 13 item 13).
   *
   * @return the generator
   */
  public static Gen<String> badTagManifests() {
    Gen<String> yaml = ModelGenerators.withEdgeCases().objects().map(Manifests::toYaml);
    return Gens.combine(
        yaml, Gens.integers(0, 10_000), Gens.elements(BAD_TAGGED_VALUES), MalformedInputs::retype);
  }

  /**
   * Returns RFC 3339 timestamps that Go's {@code time.Parse(time.RFC3339, s)} refuses, each built
   * from a valid one by one breaking change: a year past 9999 or with a sign, a fraction without
   * digits ({@code .Z}), surrounding spaces, lower-case {@code t} or {@code z}, no seconds, an
   * offset with seconds or without a colon, a field out of range (month 13, February 30, hour 24,
   * minute or second 60, offset hour 25), a missing zone, non-ASCII digits (issue 13 item 14).
   *
   * @return the generator; every value is invalid
   */
  public static Gen<String> invalidTimestamps() {
    Gen<String> date =
        Gens.combine(
            Gens.integers(0, 9_999),
            Gens.integers(1, 12),
            Gens.integers(1, 28),
            (y, m, d) -> String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", y, m, d));
    Gen<String> time =
        Gens.combine(
            Gens.integers(0, 23),
            Gens.integers(0, 59),
            Gens.integers(0, 59),
            (h, m, sec) -> String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", h, m, sec));
    Gen<String> zone = Gens.elements("Z", "+00:00", "-08:00", "+05:30");
    return Gens.combine(
        date,
        time,
        zone,
        Gens.integers(0, 17),
        (d, t, z, breaking) ->
            switch (breaking) {
              case 0 -> "1" + d + "T" + t + z; // five-digit year
              case 1 -> "+" + d + "T" + t + z;
              case 2 -> d + "T" + t + "." + z;
              case 3 -> " " + d + "T" + t + z;
              case 4 -> d + "T" + t + z + " ";
              case 5 -> d + "t" + t + z;
              case 6 -> d + "T" + t + "z";
              case 7 -> d + "T" + t.substring(0, 5) + z;
              case 8 -> d + "T" + t + "+01:00:30";
              case 9 -> d + "T" + t + "+0100";
              case 10 -> d.substring(0, 5) + "13" + d.substring(7) + "T" + t + z;
              case 11 -> d.substring(0, 5) + "02-30T" + t + z;
              case 12 -> d + "T24" + t.substring(2) + z;
              case 13 -> d + "T" + t.substring(0, 3) + "60" + t.substring(5) + z;
              case 14 -> d + "T" + t.substring(0, 6) + "60" + z;
              case 15 -> d + "T" + t + "+25:00";
              case 16 -> d + "T" + t;
              default -> "\u0661" + d.substring(1) + "T" + t + z;
            });
  }

  /**
   * Returns Namespace, Pod and PodENI documents whose timestamp field holds one of {@link
   * #invalidTimestamps()}; every one must be refused with that field's path (issue 13 item 14).
   *
   * @return the generator; every text holds exactly one invalid timestamp
   */
  public static Gen<String> badTimestampManifests() {
    return Gens.combine(
        invalidTimestamps(),
        Gens.integers(0, 2),
        (timestamp, where) -> {
          String quoted = "'" + timestamp.replace("'", "''") + "'";
          return switch (where) {
            case 0 ->
                NAMESPACE_HEAD + "metadata:\n  name: a\n  creationTimestamp: " + quoted + "\n";
            case 1 ->
                NAMESPACE_HEAD + "metadata:\n  name: a\n  deletionTimestamp: " + quoted + "\n";
            default ->
                "apiVersion: network.alibabacloud.com/v1beta1\nkind: PodENI\n"
                    + "metadata: {name: a, namespace: b}\nstatus:\n  podLastSeen: "
                    + quoted
                    + "\n";
          };
        });
  }

  /**
   * Returns file contents that are not UTF-8 text: a valid manifest with an invalid UTF-8 sequence
   * inserted (a lone continuation byte, a truncated or overlong sequence, 0xFF, an encoded
   * surrogate), the manifest in UTF-16 or UTF-32 with or without a byte order mark, or binary data
   * with NUL bytes. Reading any of them from a file must give a ManifestException naming the file
   * and a byte offset, never a decoder exception (issue 13 item 7).
   *
   * @return the generator; every value is invalid
   */
  public static Gen<byte[]> invalidEncodings() {
    Gen<String> yaml = ModelGenerators.withEdgeCases().objects().map(Manifests::toYaml);
    List<byte[]> badSequences =
        List.of(
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xBF},
            new byte[] {(byte) 0xC3, '('},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFE});
    Gen<byte[]> corrupted =
        Gens.combine(
            yaml,
            Gens.integers(0, 100_000),
            Gens.elements(badSequences),
            (text, at, bad) -> {
              byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
              // Insert at a character boundary so that the bytes before stay valid.
              int i = at % (utf8.length + 1);
              while (i < utf8.length && (utf8[i] & 0xC0) == 0x80) {
                i++;
              }
              byte[] out = new byte[utf8.length + bad.length];
              System.arraycopy(utf8, 0, out, 0, i);
              System.arraycopy(bad, 0, out, i, bad.length);
              System.arraycopy(utf8, i, out, i + bad.length, utf8.length - i);
              return out;
            });
    Gen<byte[]> otherEncodings =
        Gens.combine(
            yaml,
            Gens.elements("UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE"),
            (text, charset) -> text.getBytes(java.nio.charset.Charset.forName(charset)));
    Gen<byte[]> binary =
        Gens.combine(
            Gens.integers(1, 4_096),
            Gens.integers(0, 255),
            (n, fill) -> {
              byte[] out = new byte[n];
              java.util.Arrays.fill(out, fill.byteValue());
              out[n / 2] = 0; // at least one NUL, so that even an ASCII fill is binary
              return out;
            });
    return Gens.oneOf(corrupted, otherEncodings, binary);
  }

  // ------------------------------------------------------------------ issue 13 classes

  /**
   * Returns long dotted names, the input that overflowed the stack of regex-based name checks
   * (issue 13 item 4): 130 to 20,000 short segments joined by dots, sometimes with a dash inside
   * the segments, an upper-case letter or a trailing dot. Every value is longer than any Kubernetes
   * name may be. Shrinks toward fewer segments.
   *
   * @return the generator
   */
  public static Gen<String> longDottedNames() {
    return Gens.combine(
        Gens.integers(130, 20_000),
        Gens.elements("a", "a-b", "0", "A", "ab"),
        Gens.elements("a", "a.", "-", "b9"),
        (segments, segment, last) -> (segment + ".").repeat(segments) + last);
  }

  /**
   * Returns strings that carry terminal control sequences and line breaks between ordinary
   * characters (issue 13 item 3): the xterm title sequence {@code ESC ] 0 ; ... BEL}, CSI erase,
   * CR, LF with a forged log level, NUL, DEL, a C1 control, and the bidi override U+202E. Every
   * value holds at least one control character.
   *
   * @return the generator
   */
  public static Gen<String> controlCharacterStrings() {
    Gen<String> control =
        Gens.elements(
            "\u001b]0;PWNED\u0007",
            "\u001b[2J\u001b[H",
            "\r",
            "\n",
            "\nERROR forged log line",
            "\r\n",
            "\u0000",
            "\u0007",
            "\u007f",
            "\u009b31m",
            "\u202e",
            "\u2028",
            "\t");
    return Gens.combine(
        Gens.alphanumeric(0, 8),
        control.listOf(1, 3),
        Gens.alphanumeric(0, 8),
        (head, controls, tail) -> head + String.join("x", controls) + tail);
  }

  /**
   * Returns decimal texts of integers outside the {@code int} range (issue 13 item 8), both signs,
   * some beyond the {@code long} range too: values a reader must refuse rather than truncate, such
   * as {@code 4294967297}, which a cast to {@code int} turns into 1.
   *
   * @return the generator
   */
  public static Gen<String> outOfRangeIntegers() {
    Gen<String> beyondInt =
        Gens.longs((long) Integer.MAX_VALUE + 1, Long.MAX_VALUE).map(String::valueOf);
    Gen<String> belowInt =
        Gens.longs(Long.MIN_VALUE, (long) Integer.MIN_VALUE - 1).map(String::valueOf);
    Gen<String> wrapsToSmall = Gens.integers(0, 100).map(n -> String.valueOf((1L << 32) + n));
    Gen<String> beyondLong =
        Gens.elements(
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551617",
            "99999999999999999999999999");
    return Gens.oneOf(beyondInt, belowInt, wrapsToSmall, beyondLong);
  }

  /**
   * Returns integers that read as decimal numbers to {@link Long#parseLong} but not to Go's {@code
   * strconv.ParseInt} (issue 13 item 17): 1 to 4 digits of which at least one is a non-ASCII
   * Unicode decimal digit (Arabic-Indic, Devanagari, fullwidth, Thai, mathematical bold).
   *
   * @return the generator
   */
  public static Gen<String> unicodeDigitIntegers() {
    Gen<Character> unicodeDigit =
        Gens.combine(
            Gens.elements('\u0660', '\u0966', '\uff10', '\u0e50', '\u06f0'),
            Gens.integers(0, 9),
            (zero, d) -> (char) (zero + d));
    Gen<String> ascii = Gens.strings("0123456789", 0, 2);
    return Gens.combine(ascii, unicodeDigit, ascii, (head, digit, tail) -> head + digit + tail);
  }

  /**
   * Returns fault counts at the top of the {@code int} range (issue 13 item 8), where a fake that
   * queues one entry per count runs out of memory: {@link Integer#MAX_VALUE} often, and values just
   * below it.
   *
   * @return the generator
   */
  public static Gen<Integer> hugeFaultCounts() {
    return Gens.frequency(
        1,
        Gens.constant(Integer.MAX_VALUE),
        2,
        Gens.integers(Integer.MAX_VALUE - 1_000_000, Integer.MAX_VALUE));
  }

  /**
   * Returns the documents of a multi-document bundle as Helm, kustomize or {@code kubectl get -o
   * yaml} gives them (issue 14): PodNetworkings with wrong scalar types ({@code releaseAfter:
   * 300}), bad enum values, too many or no security groups, empty vSwitch lists, bad durations and
   * misspelled (unknown) fields, mixed with Deployments, ConfigMaps and Services, some of them as
   * items of a {@code List}. Each element is one YAML document, without {@code ---}; join them with
   * {@code "---\n"} for the bundle. Every PodNetworking document, and every List item that is one,
   * has {@code kind: PodNetworking} on a line of its own.
   *
   * @return the generator; shrinks toward fewer, simpler documents
   */
  public static Gen<List<String>> bundleDocuments() {
    Gen<String> document =
        Gens.frequency(
            3, bundlePodNetworkings().map(pn -> pn.indent(0)),
            2, foreignDocuments(),
            1,
                Gens.listOf(Gens.oneOf(bundlePodNetworkings(), foreignDocuments()), 0, 3)
                    .map(MalformedInputs::listDocument));
    return Gens.listOf(document, 0, 6);
  }

  private static Gen<String> bundlePodNetworkings() {
    Gen<String> names = Gens.elements("web", "db", "cache", "queue", "a-b", "Bad_Name");
    Gen<String> releaseAfters = Gens.elements("\"1h\"", "300", "4m", "x", "[1h]", "{a: b}", "\"\"");
    Gen<String> eniTypes = Gens.elements("Default", "ENI", "Turbo", "7", "[ENI]");
    Gen<Integer> groups = Gens.integers(0, 7);
    Gen<String> unknown = Gens.elements("", "    releaseStrateggy: TTL\n", "  vSwitchOption: []\n");
    Gen<String> vSwitches = Gens.elements("[vsw-bp1000001]", "[]", "vsw-bp1000001", "[7]");
    return Gens.combine(
        Gens.combine(names, releaseAfters, eniTypes, (n, r, e) -> new String[] {n, r, e}),
        groups,
        unknown,
        vSwitches,
        (nre, g, u, v) -> {
          StringBuilder sb = new StringBuilder();
          sb.append("apiVersion: network.alibabacloud.com/v1beta1\n")
              .append("kind: PodNetworking\n")
              .append("metadata:\n  name: ")
              .append(nre[0])
              .append("\nspec:\n  eniOptions:\n    eniType: ")
              .append(nre[2])
              .append("\n  allocationType:\n    type: Fixed\n    releaseStrategy: TTL\n")
              .append("    releaseAfter: ")
              .append(nre[1])
              .append('\n');
          if (u.startsWith("    ")) {
            sb.append(u);
          }
          sb.append("  selector:\n    podSelector:\n      matchLabels: {app: x}\n");
          sb.append("  securityGroupIDs: [");
          for (int i = 0; i < g; i++) {
            sb.append(i == 0 ? "" : ", ").append("sg-bp100000").append(i);
          }
          sb.append("]\n  vSwitchOptions: ").append(v).append('\n');
          if (u.startsWith("  ") && !u.startsWith("    ")) {
            sb.append(u);
          }
          return sb.toString();
        });
  }

  private static Gen<String> foreignDocuments() {
    return Gens.elements(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
            + "spec:\n  replicas: 2\n  template: {spec: {containers: [{name: c, image: i}]}}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  releaseAfter: 300\n",
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec: {ports: [{port: 80}]}\n");
  }

  private static String listDocument(List<String> items) {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    if (items.isEmpty()) {
      return sb.append("[]\n").toString().replace("items:\n[]", "items: []");
    }
    for (String item : items) {
      String indented = item.indent(2);
      sb.append("- ").append(indented.substring(2));
    }
    return sb.toString();
  }

  /**
   * A text and the exact number of YAML nodes a reader pays for it (every scalar, key, mapping and
   * list, and every token of a value skipped as refused), for checking the node budget of issue 13
   * item 6 exactly.
   *
   * @param text the text
   * @param nodes how many nodes reading it costs
   */
  public record NodeCountedText(String text, int nodes) {}

  /**
   * Returns texts whose cost is many small nodes rather than a few long tokens: flow lists of
   * numbers, block mappings of one-character keys, refused (custom-tagged) lists that must be paid
   * for while skipped, and many tiny documents, each with its exact node count. 8 MiB of such nodes
   * took SnakeYAML several seconds (issue 13 item 6), which only a node budget bounds.
   *
   * @return the generator; shrinks toward fewer nodes
   */
  public static Gen<NodeCountedText> denseNodeManifests() {
    return Gens.combine(
        Gens.integers(0, 3_000),
        Gens.integers(0, 3),
        (n, shape) ->
            switch (shape) {
              // The list, then each number.
              case 0 -> new NodeCountedText("[" + "1,".repeat(n) + "1]", n + 2);
              case 1 -> {
                StringBuilder out = new StringBuilder(NAMESPACE_HEAD + "metadata:\n  labels:\n");
                for (int i = 0; i < n; i++) {
                  out.append("    k").append(i).append(": v\n");
                }
                // Root, kind and apiVersion with values, metadata and its mapping, labels and its
                // mapping, then a key and a value per label.
                yield new NodeCountedText(out.toString(), 9 + 2 * n);
              }
              // Root, key, the tagged list; skipping pays each item and the list's end.
              case 2 -> new NodeCountedText("a: !custom [" + "1,".repeat(n) + "1]\n", n + 5);
              // Each document: a mapping, a key and a value.
              default -> new NodeCountedText("---\na: 1\n".repeat(n + 1), 3 * (n + 1));
            });
  }
}
