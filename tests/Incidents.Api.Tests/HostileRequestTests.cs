using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Incidents.Testing;

namespace Incidents.Api.Tests;

/// <summary>
/// More than a thousand seeded hostile requests (1,798), sent as raw bytes (so that nothing a client library would refuse
/// to send, a bare CR or a NUL in a path, is out of reach) to every endpoint family of the running API. Each is
/// answered with a 4xx and problem details, or, where the API's contract is a per-item answer, with no item
/// accepted; never a 5xx, never a hang; and the API is up and working afterwards.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HostileRequestTests(SystemFixture fixture)
{
    private const int Seed = 6_1128;
    private const int Concurrency = 8;
    private const long BodyLimit = 16 * 1024 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(40);
    private static readonly Encoding Latin1 = Encoding.Latin1;

    [Fact]
    public async Task A_thousand_hostile_requests_get_4xx_problems_and_the_api_stays_up()
    {
        var ct = TestContext.Current.CancellationToken;
        var acted = $"hostile-acted-{Guid.NewGuid():N}"[..24];
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(acted)), ct)).StatusCode);
        var incident = (string)Assert.Single(await Json.Items(await fixture.Analyst.GetAsync($"/api/v1/incidents?host={acted}", ct)))!["id"]!;
        var cases = Generate(new Random(Seed), incident);
        Assert.True(cases.Count >= 1000, $"only {cases.Count} cases");

        var answers = new Answer[cases.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct },
            async (i, token) => answers[i] = await SendAsync(fixture.System.Api.BaseAddress, cases[i], token));

        var failures = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (Judge(cases[i], answers[i]) is { } why)
            {
                failures.Add($"#{i} {cases[i].Method} {Show(cases[i].Target)} [{cases[i].What}] → {answers[i].Describe()}: {why}");
            }
        }

        TestContext.Current.SendDiagnosticMessage(string.Join(", ", cases.GroupBy(c => c.Kind).Select(g => $"{g.Key}: {g.Count()}")));
        TestContext.Current.SendDiagnosticMessage(string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.False(fixture.System.Api.HasExited, $"the API exited:\n{fixture.System.Api.Output}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} hostile requests (seed {Seed}) were answered wrongly:\n{string.Join('\n', failures)}\nThe API's last words:\n{fixture.System.Api.Output}");

        // Still up, and still working: a valid alert is taken and can be read back.
        using var anonymous = fixture.System.CreateClient(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", ct)).StatusCode);
        var host = $"after-hostile-{Guid.NewGuid():N}"[..24];
        var posted = await fixture.Ingest.PostAsync("/api/v1/alerts", Json.Body(Json.NativeAlert(host)), ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(1, (int)(await Json.Read(posted))["accepted"]!);
        var read = await fixture.Analyst.GetAsync($"/api/v1/hosts/{host}", ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, (int)(await Json.Read(read))["alertCount"]!);
    }

    /// <summary>What a case must get back.</summary>
    private enum Expect
    {
        /// <summary>4xx with problem details.</summary>
        Refused,

        /// <summary>Refused, or a per-item answer (2xx) that accepted nothing: the batch's contract for bad items.</summary>
        NoneAccepted,

        /// <summary>Anything but a 5xx or a hang; a 4xx still with problem details.</summary>
        Answered,
    }

    private sealed record Case(string Kind, string Method, string Target, string What, Expect Expect)
    {
        public string? Key { get; init; }

        public string? ContentType { get; init; }

        public byte[]? Body { get; init; }

        /// <summary>Further header lines, each ending in CRLF; one char is one byte (Latin-1), so any byte can be sent.</summary>
        public string Headers { get; init; } = "";

        /// <summary>A Content-Length to claim instead of the body's (a lie, or a size never sent).</summary>
        public string? DeclaredLength { get; init; }

        public bool Chunked { get; init; }

        /// <summary>Bytes per write of a slow body, with <see cref="SlowDelay"/> between writes; 0 sends it at once.</summary>
        public int SlowChunk { get; init; }

        public TimeSpan SlowDelay { get; init; }

        /// <summary>
        /// Malformed at the HTTP level (a NUL in the path, a header value that is not UTF-8, a 40 KB header): Kestrel
        /// refuses it before any middleware runs, with an empty 4xx (or closes the connection on a body it stopped
        /// waiting for). Such answers need no body; any body they do have must still be problem details.
        /// </summary>
        public bool Wire { get; init; }

        /// <summary>An HTTP version Kestrel does not speak: 505 is the protocol's answer to it, the one 5xx allowed.</summary>
        public bool UnsupportedVersion { get; init; }

        /// <summary>The whole request head, sent as is instead of the one built from the other properties.</summary>
        public string? RawHead { get; init; }
    }

    private sealed record Answer(int Status, string? ContentType, byte[] Body, string? Error)
    {
        public static Answer Failed(string error) => new(0, null, [], error);

        public string Describe() => Error ?? $"{Status.ToString(CultureInfo.InvariantCulture)} {ContentType ?? "(no type)"} {Body.Length.ToString(CultureInfo.InvariantCulture)} bytes";
    }

    /// <summary>Null when the answer is right for the case, else why not.</summary>
    private static string? Judge(Case c, Answer a)
    {
        if (a.Error is not null)
        {
            // A body Kestrel stopped waiting for may end the connection instead of an answer; nothing else may.
            return c.Wire && c.SlowChunk > 0 && a.Error.StartsWith("closed", StringComparison.Ordinal) ? null : a.Error;
        }

        if (a.Status == 505 && c.UnsupportedVersion)
        {
            return null;
        }

        if (a.Status >= 500)
        {
            return "server error";
        }

        if (a.Status is >= 400 and < 500)
        {
            return ProblemError(c, a);
        }

        if (c.Expect == Expect.Refused)
        {
            return "not refused";
        }

        if (c.Expect == Expect.NoneAccepted)
        {
            try
            {
                using var json = JsonDocument.Parse(a.Body);
                return json.RootElement.TryGetProperty("accepted", out var accepted) && accepted.GetInt32() == 0
                    ? null
                    : "an item was accepted";
            }
            catch (JsonException)
            {
                return "a 2xx without a JSON answer";
            }
        }

        return null;
    }

    private static string? ProblemError(Case c, Answer a)
    {
        if (a.Body.Length == 0)
        {
            return c.Method == "HEAD" || c.Wire ? null : "no problem details body";
        }

        if (!string.Equals(a.ContentType?.Split(';')[0].Trim(), "application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return $"body is {a.ContentType}, not problem details";
        }

        try
        {
            using var json = JsonDocument.Parse(a.Body);
            return json.RootElement.TryGetProperty("status", out var status) && status.GetInt32() == a.Status
                ? null
                : "problem details without the status";
        }
        catch (JsonException)
        {
            return "problem details that are not JSON";
        }
    }

    private static string Show(string target) =>
        target.Length <= 90 ? Escape(target) : $"{Escape(target[..70])}…({target.Length.ToString(CultureInfo.InvariantCulture)} chars)";

    private static string Escape(string text) =>
        string.Concat(text.Select(ch => ch is < ' ' or > '~' ? $"\\x{(int)ch:x2}" : ch.ToString()));

    // ---- sending ----

    private static async Task<Answer> SendAsync(Uri baseAddress, Case c, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        }
        catch (SocketException e)
        {
            return Answer.Failed($"no connection: {e.SocketErrorCode}");
        }

        var stream = tcp.GetStream();
        var writing = WriteAsync(stream, c, baseAddress, timeout.Token);
        try
        {
            return await ReadAsync(stream, c.Method == "HEAD", timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Answer.Failed($"hang: no answer in {RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (IOException e)
        {
            return Answer.Failed($"closed without an answer: {e.Message}");
        }
        finally
        {
            await timeout.CancelAsync();
            await writing;
        }
    }

    private static async Task WriteAsync(NetworkStream stream, Case c, Uri baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(Latin1.GetBytes(c.RawHead ?? Head(c, baseAddress)), cancellationToken);
            var body = c.Body ?? [];
            if (c.Chunked)
            {
                body = [.. Latin1.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8];
            }

            if (c.SlowChunk == 0)
            {
                await stream.WriteAsync(body, cancellationToken);
                return;
            }

            // A real slow client: the body dribbles out a few bytes at a time.
            for (var offset = 0; offset < body.Length; offset += c.SlowChunk)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(c.SlowChunk, body.Length - offset)), cancellationToken);
                await Task.Delay(c.SlowDelay, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server may answer and close before it has the whole body; the answer is what counts.
        }
    }

    private static string Head(Case c, Uri baseAddress)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{c.Method} {c.Target} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {baseAddress.Authority}\r\n")
            .Append("Connection: close\r\n");
        if (c.Key is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"X-Api-Key: {c.Key}\r\n");
        }

        if (c.ContentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {c.ContentType}\r\n");
        }

        head.Append(c.Headers);
        if (c.Chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (c.DeclaredLength is not null || c.Body is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {c.DeclaredLength ?? c.Body!.Length.ToString(CultureInfo.InvariantCulture)}\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    /// <summary>Reads one HTTP/1.1 response: its status, content type and (de-chunked) body.</summary>
    private static async Task<Answer> ReadAsync(NetworkStream stream, bool head, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>(4096);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            buffer.AddRange(chunk.AsSpan(0, read));
            if (Parse(buffer, head, ended: read == 0) is { } answer)
            {
                return answer;
            }

            if (read == 0)
            {
                return Answer.Failed(buffer.Count == 0 ? "closed without an answer" : "closed in the middle of an answer");
            }
        }
    }

    private static Answer? Parse(List<byte> buffer, bool head, bool ended)
    {
        var bytes = buffer.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return null;
        }

        var lines = Latin1.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var rest = bytes.AsSpan(end + 4);
        if (status is >= 100 and < 200)
        {
            buffer.RemoveRange(0, end + 4);
            return Parse(buffer, head, ended);
        }

        var type = headers["Content-Type"].FirstOrDefault();
        if (head || status is 204 or 304)
        {
            return new Answer(status, type, [], null);
        }

        if (headers["Transfer-Encoding"].Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            var body = new List<byte>();
            while (true)
            {
                var lineEnd = rest.IndexOf("\r\n"u8);
                if (lineEnd < 0)
                {
                    return null;
                }

                var size = int.Parse(Latin1.GetString(rest[..lineEnd]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    return new Answer(status, type, [.. body], null);
                }

                if (rest.Length < lineEnd + 2 + size + 2)
                {
                    return null;
                }

                body.AddRange(rest.Slice(lineEnd + 2, size));
                rest = rest[(lineEnd + 2 + size + 2)..];
            }
        }

        if (headers["Content-Length"].FirstOrDefault() is { } length)
        {
            var n = int.Parse(length, CultureInfo.InvariantCulture);
            return rest.Length >= n ? new Answer(status, type, rest[..n].ToArray(), null) : null;
        }

        return ended ? new Answer(status, type, rest.ToArray(), null) : null;
    }

    // ---- the cases ----

    private static List<Case> Generate(Random random, string incident)
    {
        var cases = new List<Case>();
        cases.AddRange(Bodies(random, "alerts"));
        cases.AddRange(Bodies(random, "events"));
        cases.AddRange(ContentTypes());
        cases.AddRange(Ids(random));
        cases.AddRange(Queries(random));
        cases.AddRange(Methods());
        cases.AddRange(Keys(random));
        cases.AddRange(HeaderInjection(random));
        cases.AddRange(Framing());
        cases.AddRange(SlowBodies());
        cases.AddRange(Administration(random));
        cases.AddRange(Actions(random, incident));
        return cases;
    }

    /// <summary>
    /// Analysts' actions on a real incident and on ids that are none: malformed and mistyped bodies, statuses and
    /// classifications that do not exist, moves the workflow refuses, texts past their bounds or with control characters,
    /// hostile <c>If-Match</c> values. A well-formed action on the real incident may be done (a 200): answered, not a 5xx.
    /// </summary>
    private static IEnumerable<Case> Actions(Random random, string incident)
    {
        Case Post(string id, string action, string what, string body, Expect expect = Expect.Refused, string headers = "") =>
            new("actions", "POST", $"/api/v1/incidents/{id}/{action}", what, expect)
            {
                Key = TestKeys.Analyst, ContentType = "application/json", Body = Utf8(body), Headers = headers,
            };

        string[] actions = ["acknowledge", "assign", "status", "notes", "severity", "tags"];
        string[] malformed = ["{", "[]", "[{}]", "null", "42", "\"x\"", "{\"a\":}", "{'text':'x'}", "{}{}", new string('[', 3_000)];
        foreach (var action in actions)
        {
            foreach (var text in malformed)
            {
                // acknowledge reads no body: whatever is sent, it is answered, never a 5xx
                yield return Post(incident, action, $"{action} malformed {Escape(text[..Math.Min(text.Length, 12)])}", text,
                    action == "acknowledge" ? Expect.Answered : Expect.Refused);
            }

            foreach (var id in new[] { "not-an-id", "0123456789ABCDEF0123456789ABCDEF", new string('g', 32), "%00", "0123456789abcdef0123456789abcde%2F", new string('a', 300) })
            {
                yield return Post(id, action, $"{action} on id {Escape(id[..Math.Min(id.Length, 20)])}", "{}") with { Wire = id.Contains("%00", StringComparison.Ordinal) };
            }

            yield return Post("0123456789abcdef0123456789abcdef", action, $"{action} on an incident that is not there", "{}");
        }

        string[] refused =
        [
            """{"assignee":42}""", "{\"assignee\":\"a\\u0000b\"}", $$"""{"assignee":"{{new string('x', 10_000)}}"}""",
            """{"assignee":"bob","team":["x"]}""", "{\"assignee\":\"bob\",\"team\":\"\\u001b[31m\"}",
        ];
        foreach (var body in refused)
        {
            yield return Post(incident, "assign", $"assign {Escape(body[..Math.Min(body.Length, 30)])}", body);
        }

        // Naming neither assignee nor team unassigns: a legal action, answered.
        yield return Post(incident, "assign", "assign an empty assignee", """{"assignee":""}""", Expect.Answered);
        yield return Post(incident, "assign", "assign a null assignee", """{"assignee":null}""", Expect.Answered);

        string[] statuses =
        [
            """{"status":"closed","reason":"x"}""", """{"status":"new","reason":"x"}""", """{"status":"merged","reason":"x"}""",
            """{"status":"resolved","reason":"x"}""", """{"status":"resolved","classification":"maybe","reason":"x"}""",
            """{"status":null}""", """{"status":7,"reason":"x"}""", """{"status":"resolved","classification":"benign"}""",
            $$"""{"status":"investigating","reason":"{{new string('r', 100_000)}}"}""", "{\"status\":\"investigating\",\"reason\":\"\\u0007\"}",
        ];
        foreach (var body in statuses)
        {
            yield return Post(incident, "status", $"status {Escape(body[..Math.Min(body.Length, 40)])}", body);
        }

        string[] notes = ["""{"text":""}""", """{"text":null}""", """{"text":42}""", $$"""{"text":"{{new string('n', 100_000)}}"}""", """{"body":"x"}"""];
        foreach (var body in notes)
        {
            yield return Post(incident, "notes", $"note {Escape(body[..Math.Min(body.Length, 24)])}", body);
        }

        string[] severities = ["""{"severity":"extreme","reason":"x"}""", """{"severity":7,"reason":"x"}""", """{"severity":"high"}""", """{"severity":["high"],"reason":"x"}"""];
        foreach (var body in severities)
        {
            yield return Post(incident, "severity", $"severity {Escape(body[..Math.Min(body.Length, 30)])}", body);
        }

        var many = string.Join(',', Enumerable.Range(0, 50).Select(i => $"\"t{i}\""));
        string[] tags = ["""{"add":"x"}""", """{"add":[42]}""", """{"add":[""]}""", "{\"add\":[\"a\\u0001\"]}", $$"""{"add":[{{many}}]}""", """{"remove":{}}""", $$"""{"add":["{{new string('t', 5_000)}}"]}"""];
        foreach (var body in tags)
        {
            yield return Post(incident, "tags", $"tags {Escape(body[..Math.Min(body.Length, 30)])}", body);
        }

        // Task ids: checked exactly; one that names no task of the incident is a 404, one that does is answered.
        foreach (var task in new[] { "x", "default-0", "default-100", "DEFAULT-1", "%2e%2e", new string('a', 70) + "-1", "default-1;x", "default-1%0A", "-1" })
        {
            yield return Post(incident, $"tasks/{task}/done", $"task {Escape(task[..Math.Min(task.Length, 20)])}", "{}");
        }

        yield return Post(incident, "tasks/default-1/done", "task default-1", "{}", Expect.Answered);

        // If-Match: a stale or junk version is refused (412 or 400); a wildcard or weak tag is the client's to send.
        var note = """{"text":"hostile if-match"}""";
        foreach (var value in new[] { "\"999999\"", "garbage", "\"-1\"", "\"" + new string('9', 400) + "\"", "\"1\", \"x\"", "\"\u00e9\"" })
        {
            yield return Post(incident, "notes", $"If-Match {Escape(value[..Math.Min(value.Length, 20)])}", note, headers: $"If-Match: {Raw(value)}\r\n");
        }

        foreach (var value in new[] { "*", "W/\"1\"", "" })
        {
            yield return Post(incident, "notes", $"If-Match {Escape(value)}", note, Expect.Answered, headers: $"If-Match: {value}\r\n");
        }

        for (var i = 0; i < 10; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            yield return new("actions", "POST", $"/api/v1/incidents/{incident}/{actions[random.Next(actions.Length)]}", "random bytes", Expect.Answered)
            {
                Key = TestKeys.Analyst, ContentType = "application/json", Body = bytes,
            };
        }
    }

    /// <summary>
    /// Tenants, keys and the audit log, as the installation's administrator: malformed and mistyped bodies, hostile
    /// names and ids, unknown tenants and roles, expiries in the past or out of range, hostile key ids and audit queries.
    /// A hostile but well-formed tenant name (confusables, right-to-left marks) may be a real name: answered, not a 5xx.
    /// </summary>
    private static IEnumerable<Case> Administration(Random random)
    {
        Case Post(string path, string what, string body, Expect expect = Expect.Refused, string type = "application/json") =>
            new("admin", "POST", path, what, expect) { Key = TestKeys.InstallationAdmin, ContentType = type, Body = Utf8(body) };

        string[] malformed = ["{", "[]", "[{}]", "null", "\"name\"", "42", "{\"name\":}", "{'name':'x'}", "{\"name\":\"x\"}{}", ""];
        foreach (var path in new[] { "/api/v1/admin/tenants", "/api/v1/admin/keys" })
        {
            foreach (var text in malformed)
            {
                yield return Post(path, $"malformed {Escape(text)}", text);
            }

            yield return Post(path, "XML", "<tenant name='x'/>", type: "application/xml");
            yield return Post(path, "form", "name=x", type: "application/x-www-form-urlencoded");
            yield return Post(path, "deep nesting", new string('[', 5_000) + new string(']', 5_000));
            yield return Post(path, "two megabytes", $$"""{"name":"{{new string('x', 2 * 1024 * 1024)}}"}""");
        }

        string[] badNames = ["", " ", new string('x', 101), "a\u0000b", "line\nbreak", "\u0007bell"];
        foreach (var name in badNames)
        {
            yield return Post("/api/v1/admin/tenants", $"tenant name {Escape(name[..Math.Min(name.Length, 20)])}", $$"""{"name":"{{name}}"}""");
        }

        string[] badIds = ["../etc", "a/b", "A", "-x", "x", new string('a', 41), "tenant id", "ｔｅｎａｎｔ", "t\u202Eenant", "%2e%2e", "default\u0000"];
        foreach (var id in badIds)
        {
            yield return Post("/api/v1/admin/tenants", $"tenant id {Escape(id[..Math.Min(id.Length, 20)])}", $$"""{"name":"Hostile","id":"{{id}}"}""");
        }

        // Names that are odd but well formed: a tenant may be called that (its id is its own, checked above).
        foreach (var name in new[] { "Ｇｌｏｂｅｘ", "Глобекс", "g\u202Elobex", "<script>alert(1)</script>" })
        {
            yield return Post("/api/v1/admin/tenants", $"odd but well-formed name {Escape(name)}",
                $$"""{"name":"{{name}}","id":"hostile-{{random.Next(1_000_000):D6}}"}""", Expect.Answered);
        }

        string[] badKeys =
        [
            """{"tenantId":"no-such-tenant","role":"analyst"}""", """{"tenantId":"default","role":"root"}""",
            """{"tenantId":"default","role":"ANALYST"}""", """{"tenantId":"default"}""", """{"role":"analyst"}""",
            """{"tenantId":"default","role":"analyst","expires":"2001-01-01T00:00:00Z"}""",
            """{"tenantId":"default","role":"analyst","expires":"not a date"}""",
            """{"tenantId":"default","role":"analyst","expires":"9999-99-99"}""",
            """{"tenantId":"default","role":["analyst"]}""", """{"tenantId":42,"role":"analyst"}""",
            """{"tenantId":"../default","role":"analyst"}""", $$"""{"tenantId":"default","role":"analyst","name":"{{new string('n', 101)}}"}""",
        ];
        foreach (var body in badKeys)
        {
            yield return Post("/api/v1/admin/keys", $"key {Escape(body[..Math.Min(body.Length, 40)])}", body);
        }

        string[] keyIds = ["nosuchkey000", "..%2f..%2fetc", new string('k', 5_000), "%00", "key%20id", "KEY", "ｋｅｙ"];
        foreach (var id in keyIds)
        {
            yield return new("admin", "DELETE", $"/api/v1/admin/keys/{id}", $"revoke {Escape(id[..Math.Min(id.Length, 20)])}", Expect.Refused)
            {
                Key = TestKeys.InstallationAdmin,
                Wire = id.Contains("%00", StringComparison.Ordinal),
            };
        }

        foreach (var query in new[] { "limit=0", "limit=-1", "limit=1001", "limit=x", "tenantId=../default", "tenantId=a%2Fb", "tenantId=" + new string('t', 500) })
        {
            yield return new("admin", "GET", $"/api/v1/audit?{query}", $"audit {Escape(query[..Math.Min(query.Length, 30)])}", Expect.Refused) { Key = TestKeys.InstallationAdmin };
        }

        // Escalation webhooks and dead letters: hostile ids never reach a grain key; hostile bodies and URLs are a 400.
        // (Not confusables or bidi marks in the path: the client's Uri maps those to a plain id before sending.)
        string[] badWebhookIds = ["A", "-x", "a_b", "a.b", new string('a', 64), "a%2Fb"];
        foreach (var id in badWebhookIds)
        {
            yield return new("admin", "PUT", $"/api/v1/escalation/webhooks/{id}", $"webhook id {Escape(id[..Math.Min(id.Length, 20)])}", Expect.Refused)
            {
                Key = TestKeys.Admin, ContentType = "application/json",
                Body = Utf8("""{"team":"soc","url":"https://hooks.example.com/x","format":"generic","secret":"0123456789abcdef0"}"""),
            };
            yield return new("admin", "DELETE", $"/api/v1/escalation/webhooks/{id}", $"webhook id {Escape(id[..Math.Min(id.Length, 20)])}", Expect.Refused) { Key = TestKeys.Admin };
            yield return new("admin", "POST", $"/api/v1/escalation/dead-letters/{id}/replay", $"dead letter id {Escape(id[..Math.Min(id.Length, 20)])}", Expect.Refused) { Key = TestKeys.Admin };
        }

        string[] badWebhooks =
        [
            "{", "[]", "null", "{}", """{"team":"SOC","url":"https://h.example.com/","secret":"0123456789abcdef0"}""",
            """{"team":"soc","url":"http://169.254.169.254/latest/meta-data/","secret":"0123456789abcdef0"}""",
            """{"team":"soc","url":"file:///etc/passwd","secret":"0123456789abcdef0"}""",
            """{"team":"soc","url":"https://u:p@h.example.com/","secret":"0123456789abcdef0"}""",
            """{"team":"soc","url":"https://h.example.com/","secret":"short"}""",
            """{"team":"soc","url":"https://h.example.com/","format":"xml","secret":"0123456789abcdef0"}""",
            """{"team":"soc","url":"https://h.example.com/","secret":42}""",
        ];
        foreach (var body in badWebhooks)
        {
            yield return new("admin", "PUT", "/api/v1/escalation/webhooks/hostile", $"webhook {Escape(body[..Math.Min(body.Length, 40)])}", Expect.Refused)
            {
                Key = TestKeys.Admin, ContentType = "application/json", Body = Utf8(body),
            };
        }

        foreach (var query in new[] { "limit=0", "limit=1001", "limit=x" })
        {
            yield return new("admin", "GET", $"/api/v1/escalation/dead-letters?{query}", $"dead letters {query}", Expect.Refused) { Key = TestKeys.Admin };
        }

        // The escalation policy: a policy that cannot be followed is a 400 naming where, and the one in force stays.
        string[] badPolicies =
        [
            "{", "[]", "null", "{}", """{"teams":[],"routes":[]}""",
            """{"teams":[{"id":"soc","name":"SOC"}],"routes":[{"name":"r","team":"soc","levels":[{"name":"a","after":"00:00:00"}],"whenn":[]}]}""",
            """{"teams":[{"id":"../x","name":"SOC"}],"routes":[{"name":"r","team":"../x","levels":[{"name":"a","after":"00:00:00"}]}]}""",
            """{"teams":[{"id":"soc","name":"SOC"}],"routes":[{"name":"r","team":"soc","levels":[{"name":"a","after":"-00:05:00"}]}]}""",
            """{"teams":[{"id":"soc","name":"SOC"}],"routes":[{"name":"r","team":"soc","levels":[{"name":"a","after":"forever"}]}]}""",
            """{"teams":[{"id":"soc","name":"SOC"}],"routes":[{"name":"r","team":"soc","levels":[{"name":"a","after":"00:00:00"}],"when":[{"minSeverity":"catastrophic"}]}]}""",
        ];
        foreach (var body in badPolicies)
        {
            yield return new("admin", "PUT", "/api/v1/escalation/policy", $"policy {Escape(body[..Math.Min(body.Length, 40)])}", Expect.Refused)
            {
                Key = TestKeys.Admin, ContentType = "application/json", Body = Utf8(body),
            };
        }

        foreach (var body in new[] { "{", "{}", """{"incident":null}""", """{"incident":{"severity":"x"}}""", """{"incident":{},"policy":{"teams":[]}}""" })
        {
            yield return new("analyst", "POST", "/api/v1/escalation/policy/test", $"policy test {Escape(body[..Math.Min(body.Length, 40)])}", Expect.Refused)
            {
                Key = TestKeys.Analyst, ContentType = "application/json", Body = Utf8(body),
            };
        }

        // Drills: a scenario that is not one, a duration out of range; ids checked exactly before they become a key.
        foreach (var body in new[] { "{", "{}", """{"scenario":"ransomware"}""", """{"scenario":"exfiltration","minutes":0}""", """{"scenario":"exfiltration","minutes":100000}""", """{"scenario":"exfiltration","extra":1}""" })
        {
            yield return new("admin", "POST", "/api/v1/drills", $"drill {Escape(body[..Math.Min(body.Length, 40)])}", Expect.Refused)
            {
                Key = TestKeys.Admin, ContentType = "application/json", Body = Utf8(body),
            };
        }

        foreach (var id in new[] { "0123456789AB", "..%2F..%2Fx", "0123456789abc", new string('a', 500), "drill-x" })
        {
            yield return new("analyst", "GET", $"/api/v1/drills/{id}", $"drill id {Escape(id[..Math.Min(id.Length, 20)])}", Expect.Refused) { Key = TestKeys.Analyst };
            yield return new("admin", "POST", $"/api/v1/drills/{id}/end", $"end drill id {Escape(id[..Math.Min(id.Length, 20)])}", Expect.Refused) { Key = TestKeys.Admin };
        }
    }

    private static readonly (string Family, string Path, string Method, string Key)[] Endpoints =
    [
        ("alerts", "/api/v1/alerts", "POST", TestKeys.Ingest),
        ("events", "/api/v1/events", "POST", TestKeys.Ingest),
        ("incidents", "/api/v1/incidents", "GET", TestKeys.Analyst),
        ("incident", "/api/v1/incidents/0123456789abcdef0123456789abcdef", "GET", TestKeys.Analyst),
        ("hosts", "/api/v1/hosts/ws-1", "GET", TestKeys.Analyst),
        ("users", "/api/v1/users/alice", "GET", TestKeys.Analyst),
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A string whose chars are the UTF-8 bytes of <paramref name="text"/>, for a raw head.</summary>
    private static string Raw(string text) => Latin1.GetString(Utf8(text));

    private static string ValidAlert(string host = "hostile-valid") => Json.NativeAlert(host).ToJsonString();

    private static string ValidEvent() =>
        """{"kind":"logon","time":"2026-11-27T08:00:00Z","host":"ws-1","user":"alice","logonType":"network"}""";

    private static IEnumerable<Case> Bodies(Random random, string family)
    {
        var path = $"/api/v1/{family}";
        var valid = family == "alerts" ? ValidAlert() : ValidEvent();
        Case Post(string what, byte[] body, Expect expect, string type = "application/json") =>
            new("body", "POST", path, what, expect) { Key = TestKeys.Ingest, ContentType = type, Body = body };

        string[] malformed =
        [
            "{", "}", "[", "]", "[{]", "{]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,]", "{,}", "{'a':1}", "{a:1}",
            "nul", "tru", "-", "01", "1.", ".5", "\"unterminated", "{\"a\":\"\\u12\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"tab\there\"}",
            "[{}]garbage", "{}{}", "{} x", "[][]", "/* comment */{}", "{}// comment", "\u0000", "\u0001{}", "<xml/>",
            "=1&b=2", "---\na: 1\n", "\t \r\n", "", "{\"a\":[1,2}", "{\"a\":{\"b\":[}}}", "[\"a\" \"b\"]", "{\"a\" 1}",
        ];
        foreach (var text in malformed)
        {
            yield return Post($"malformed JSON {Escape(text)}", Utf8(text), Expect.Refused);
        }

        // Scalars and non-objects: the body is not a batch (400); arrays of them are a batch of bad items.
        foreach (var text in new[] { "null", "true", "42", "\"string\"", "1e999999", "-0", "99999999999999999999999999999999" })
        {
            yield return Post($"scalar {text}", Utf8(text), Expect.Refused);
            yield return Post($"array of scalar {text}", Utf8($"[{text},{text}]"), Expect.NoneAccepted);
        }

        // Truncations of a valid item: never valid JSON.
        for (var i = 0; i < 50; i++)
        {
            var cut = random.Next(1, valid.Length - 1);
            yield return Post($"truncated at {cut}", Utf8(valid[..cut]), Expect.Refused);
            yield return Post($"NDJSON line truncated at {cut}", Utf8(valid[..cut] + "\n"), Expect.NoneAccepted, "application/x-ndjson");
        }

        // Garbage after the root value, or before it.
        for (var i = 0; i < 25; i++)
        {
            var junk = RandomJunk(random, random.Next(1, 20));
            yield return Post("garbage after the root", Utf8(valid + " " + "x" + junk), Expect.Refused);
            yield return Post("garbage before the root", Utf8("x" + junk + valid), Expect.Refused);
        }

        // Invalid UTF-8, inside strings and outside them.
        byte[][] invalidUtf8 =
        [
            [0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0xBC], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
            [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xFE, 0xFF], [0xC0, 0xAE, 0xC0, 0xAE],
        ];
        foreach (var bad in invalidUtf8)
        {
            var hex = Convert.ToHexString(bad);
            yield return Post($"invalid UTF-8 {hex} in the host", [.. Utf8("{\"source\":\"x\",\"time\":\"2026-11-27T08:00:00Z\",\"title\":\"t\",\"severity\":\"high\",\"host\":\""), .. bad, .. "\"}"u8], Expect.NoneAccepted);
            yield return Post($"invalid UTF-8 {hex} as the body", bad, Expect.Refused);
            yield return Post($"invalid UTF-8 {hex} as NDJSON", [.. bad, (byte)'\n', .. bad], Expect.NoneAccepted, "application/x-ndjson");
        }

        // Deep nesting, as the root and inside an item.
        foreach (var depth in new[] { 65, 1_000, 100_000 })
        {
            yield return Post($"array nested {depth} deep", Utf8(new string('[', depth) + new string(']', depth)), Expect.NoneAccepted);
            yield return Post($"object nested {depth} deep", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)), Expect.NoneAccepted);
            yield return Post($"unclosed nesting {depth} deep", Utf8(new string('[', depth)), Expect.Refused);
        }

        // Huge numbers where the fields want times and severities.
        foreach (var number in new[] { "1e999999", "-1e999999", "99999999999999999999999999999999999", "1" + new string('0', 5000), "0." + new string('0', 5000) + "1", "-0.0e-99999" })
        {
            yield return Post($"huge number ({number.Length} chars) as time and severity",
                Utf8($$"""{"source":"x","time":{{number}},"title":"t","severity":{{number}},"host":"ws-1","kind":"logon"}"""), Expect.NoneAccepted);
        }

        // Unicode confusables and odd normalisation in hosts and users: an answer, never an error.
        foreach (var odd in Confusables)
        {
            yield return Post($"confusable {Escape(odd)} in host and user",
                Utf8(Json.NativeAlert(odd).ToJsonString().Replace("\"alice\"", JsonSerializer.Serialize(odd), StringComparison.Ordinal)), Expect.Answered);
        }

        // Too many items, and bodies over the limit: sent whole, claimed, and chunked.
        yield return Post("10,001 items", Utf8("[" + string.Join(',', Enumerable.Repeat("{}", 10_001)) + "]"), Expect.Refused);
        var oversized = new byte[BodyLimit + 1];
        Array.Fill(oversized, (byte)' ');
        oversized[0] = (byte)'[';
        oversized[^1] = (byte)']';
        yield return Post("a body 1 byte over the limit", oversized, Expect.Refused);
        yield return Post("a body 1 byte over the limit, chunked", oversized, Expect.Refused) with { Chunked = true };
        foreach (var claimed in new[] { "16777217", "1000000000000", "9223372036854775807" })
        {
            yield return Post($"Content-Length {claimed}, 2 bytes sent", Utf8("[]"), Expect.Refused) with { DeclaredLength = claimed };
        }
    }

    private static readonly string[] Confusables =
    [
        "ｗｓ－１", "wѕ-1", "ws\u20131", "ws-\u0661", "ws\u200b-1", "ws\u200d-1", "\u202eevil", "ws-1\u0301", "e\u0301", "\u00e9",
        "\ufb01le-server", "ﬃ", "K\u212a", "\u2126mega", "ws\ufe0f-1", "ws\u00ad-1", "\ud83d\ude00", "ws\u0000-1", "İstanbul", "ǅ",
        "\u0130", "\ufeffws-1", "ws\u2028-1", "𝐰𝐬-𝟏", "ⓦⓢ", "ws%2e%2e", "..", "../../etc/passwd", "ws-1\\..\\..",
    ];

    private static string RandomJunk(Random random, int length)
    {
        const string alphabet = "!#$%&'()*+,-./:;<=>?@[]^_`{|}~abcXYZ0123456789\"\\";
        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }

    private static IEnumerable<Case> ContentTypes()
    {
        string[] wrong =
        [
            "text/plain", "text/html", "text/json", "application/xml", "text/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/octet-stream", "application/jsonx", "application/json-seq",
            "application/javascript", "image/png", "*/*", "application/*", "json", "application", "/", "application/",
            "a/b/c", "application/ndjson2", "application/x-json-stream", "text/csv", "application/yaml", "application/cbor",
            "application/msgpack", "\u00e9/json", "application/xjson",
        ];
        foreach (var (family, path, _, key) in Endpoints.Where(e => e.Method == "POST"))
        {
            var body = Utf8(family == "alerts" ? ValidAlert() : ValidEvent());
            foreach (var type in wrong)
            {
                yield return new("content-type", "POST", path, $"Content-Type {Escape(type)}", Expect.Refused)
                {
                    Key = key, ContentType = Raw(type), Body = body,
                };
            }
        }
    }

    private static IEnumerable<Case> Ids(Random random)
    {
        string[] hostile =
        [
            "..", "...", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2E%2E%2F", "..%5C..%5Cwindows",
            "%252e%252e%252f", "..%c0%af", "%c0%ae%c0%ae%2f", "a%2Fb", "a%2fb%2fc", "%2F", "%5C", "a%00b", "%00", "%00..%2F",
            "%ff", "%fe%ff", "%e2%80%ae", "%ef%bc%8f", "%e2%88%95", "%u002e%u002e", "%", "%%", "%zz", "%2", "a%", "%C3%28",
            "%ED%A0%80", "%F4%90%80%80", "con", "NUL", "aux.txt", "a;b=c", "a,b", "~root", "$(id)", "%60id%60", "%3Cscript%3E",
            "'%20OR%201%3D1--", "%22%3E", "%0d%0aSet-Cookie:%20x=y", "%0a", "%09", "%20", "+", "%2B", "*", "%2A", "@", "a@b",
            "%E2%80%8B", "%EF%BB%BF", "%D1%95", "%EF%BD%97%EF%BD%93", "e%CC%81", "%C3%A9", "%F0%9F%98%80", "%CC%81",
            "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcdef0",
            "-1", "0", "99999999999999999999", "1e999", "null", "undefined", "%7B%7D", "[]", "..;", "%2e%2e",
        ];
        foreach (var (family, prefix) in new[] { ("incident", "/api/v1/incidents/"), ("hosts", "/api/v1/hosts/"), ("users", "/api/v1/users/") })
        {
            foreach (var id in hostile)
            {
                // Kestrel refuses a NUL anywhere in the decoded path itself. A host or user is any name of at most 255
                // bytes (encoded in its grain key), so these may be real ones other tests of the shared system made:
                // they need only be answered, never 5xx.
                var expect = family != "incident" ? Expect.Answered : Expect.Refused;
                yield return new("id", "GET", prefix + id, $"{family} id", expect) { Key = TestKeys.Analyst, Wire = id.Contains("%00", StringComparison.Ordinal) };
            }

            // Seeded mixtures of the pieces above, so that combinations nobody wrote down get sent too.
            for (var i = 0; i < 25; i++)
            {
                var id = string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => hostile[random.Next(hostile.Length)]));
                yield return new("id", "GET", prefix + "x" + id, $"{family} mixed id", family != "incident" ? Expect.Answered : Expect.Refused) { Key = TestKeys.Analyst, Wire = id.Contains("%00", StringComparison.Ordinal) };
            }

            // Long ids: one that reaches the API, and ones over Kestrel's request-line limit.
            foreach (var length in new[] { 300, 7_000, 10_000, 100_000 })
            {
                yield return new("id", "GET", prefix + new string('a', length), $"{family} id of {length} chars", Expect.Refused)
                {
                    Key = TestKeys.Analyst, Wire = length > 8_000,
                };
                yield return new("id", "GET", prefix + string.Concat(Enumerable.Repeat("%2e%2e%2f", length / 9)), $"{family} traversal of {length} chars", Expect.Refused)
                {
                    Key = TestKeys.Analyst, Wire = length > 8_000,
                };
            }

            // Bytes that are not allowed in a request target at all.
            foreach (var raw in new[] { "a\u0000b", "a b", "\u00ff\u00fe", "\u00c3\u0028", "a\u007fb", "a\tb", "a\"b", "a<b>", "a{b}", "a|b", "a\\b", "a^b" })
            {
                yield return new("id", "GET", prefix + raw, $"{family} raw bytes in the target", Expect.Refused) { Key = TestKeys.Analyst, Wire = true };
            }
        }

        // Dot segments are resolved before routing (RFC 3986): "incidents/a/.." is the incident list, and answered as such.
        foreach (var target in new[] { "/api/v1/incidents/a/..", "/api/v1/incidents/%2e", "/api/v1/incidents/./", "/api/v1/hosts/x/../ws-1", "/api/v1/users/%2e%2e/users/alice" })
        {
            yield return new("id", "GET", target, "dot segments", Expect.Answered) { Key = TestKeys.Analyst };
        }

        // Traversal out of the API altogether.
        foreach (var target in new[] { "/api/v1/hosts/../../../../etc/passwd", "/api/v1/users/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/../../../etc/passwd", "//etc/passwd", "/api/v1/hosts/..\\..\\web.config", "/api/v1/incidents/.%2e/.%2e/.%2e/appsettings.json" })
        {
            yield return new("id", "GET", target, "traversal", Expect.Refused) { Key = TestKeys.Analyst };
        }
    }

    private static IEnumerable<Case> Queries(Random random)
    {
        string[] batchQueries =
        [
            "?format=xml", "?format=1", "?format=-1", "?format=%00", "?format=native&format=suricata", "?format=NATIVE%00",
            "?format=" + new string('n', 5000), "?format=%FF", "?format=native,suricata", "?format=%E2%80%AEnative",
            "?dryRun=maybe", "?dryRun=1", "?dryRun=yes", "?dryRun=true&dryRun=false", "?dryRun=%00", "?dryRun=" + new string('t', 5000),
            "?dryRun=tru%C3%A9", "?dryRun=true&format=bogus", "?format=native&dryRun=perhaps",
        ];
        foreach (var (family, path, _, key) in Endpoints.Where(e => e.Method == "POST"))
        {
            var body = Utf8(family == "alerts" ? ValidAlert() : ValidEvent());
            foreach (var query in batchQueries)
            {
                yield return new("query", "POST", path + query, "junk query", Expect.Refused) { Key = key, ContentType = "application/json", Body = body };
            }
        }

        string[] listQueries =
        [
            "?limit=-1", "?limit=0", "?limit=501", "?limit=2147483648", "?limit=99999999999999999999", "?limit=1e3", "?limit=abc",
            "?limit=1&limit=2", "?limit=%00", "?limit=0x10", "?limit=1.5", "?limit=" + new string('9', 5000), "?limit=-2147483649",
            "?status=bogus", "?status=1", "?status=open&status=closed", "?status=%00", "?status=OPEN%20", "?status=" + new string('o', 5000),
            "?host=" + new string('h', 300), "?host=%00", "?host=a%0Ab", "?host=ws-1&limit=-5", "?host=ws-1&status=nope",
        ];
        foreach (var query in listQueries)
        {
            yield return new("query", "GET", "/api/v1/incidents" + query, "junk query", Expect.Refused) { Key = TestKeys.Analyst };
        }

        string[] responseQueries =
        [
            "?since=yesterday", "?since=2026-13-01", "?since=%00", "?since=" + new string('2', 5000), "?since=1900-01-01", "?since=2999-01-01",
            "?since=2026-05-01&since=2026-05-02", "?since=2026-05-01T09:00:00%2B25:00", "?team=SOC", "?team=a%0A", "?team=-soc",
            "?team=" + new string('t', 64), "?team=%00", "?team=soc/../x", "?team=s%C3%B6c", "?team=soc&team=network",
        ];
        foreach (var query in responseQueries)
        {
            yield return new("query", "GET", "/api/v1/metrics/response" + query, "junk query", Expect.Refused) { Key = TestKeys.Analyst };
        }

        // Odd but possible host names: a list for that host (empty, or what other tests made), never a 5xx.
        foreach (var query in new[] { "?host=a%20b", "?host=../../etc", "?host=%E2%80%AEevil", "?host=a/b", "?host=%EF%BD%97", "?host=..%5C..%5Cx" })
        {
            yield return new("query", "GET", "/api/v1/incidents" + query, "odd host name", Expect.Answered) { Key = TestKeys.Analyst };
        }

        foreach (var query in new[] { "?alerts=abc", "?alerts=99999999999999999999", "?alerts=1&alerts=2", "?alerts=%00", "?alerts=1e2" })
        {
            yield return new("query", "GET", "/api/v1/incidents/0123456789abcdef0123456789abcdef" + query, "junk query", Expect.Refused) { Key = TestKeys.Analyst };
        }

        // Junk the endpoints do not read: ignored, but never an error.
        for (var i = 0; i < 40; i++)
        {
            var (_, path, method, key) = Endpoints[i % Endpoints.Length];
            var query = "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 30)).Select(_ => $"{RandomJunk(random, 5)}={RandomJunk(random, 10)}").Select(p => p.Replace("#", "%23", StringComparison.Ordinal)));
            var isPost = method == "POST";
            yield return new("query", method, path + query.Replace(" ", "%20", StringComparison.Ordinal), "random unread parameters", Expect.Answered)
            {
                Key = key, ContentType = isPost ? "application/json" : null, Body = isPost ? Utf8("[]") : null,
            };
        }
    }

    private static IEnumerable<Case> Methods()
    {
        string[] methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND", "BREW", "FOO"];
        foreach (var (family, path, method, key) in Endpoints)
        {
            foreach (var other in methods.Where(m => m != method))
            {
                var withBody = other is "POST" or "PUT" or "PATCH";
                yield return new("method", other, path, $"{family} by {other}", Expect.Refused)
                {
                    Key = key, ContentType = withBody ? "application/json" : null, Body = withBody ? "[]"u8.ToArray() : null,
                };
            }
        }

        foreach (var (method, target) in new[] { ("CONNECT", "/api/v1/alerts"), ("CONNECT", "127.0.0.1:80"), ("GET", "*"), ("OPTIONS", "*"), ("G\u0000T", "/api/v1/alerts"), ("GE T", "/api/v1/hosts/x"), ("", "/api/v1/hosts/x"), ("get", "/api/v1/hosts/x") })
        {
            yield return new("method", method, target, $"malformed method or target {Escape(method)}", Expect.Refused) { Key = TestKeys.Analyst, Wire = true };
        }
    }

    private static IEnumerable<Case> Keys(Random random)
    {
        var bogus = new List<(string What, string Value, bool Wire)>
        {
            ("unknown key", "inc_not_a_key", false),
            ("ingest key in upper case", TestKeys.Ingest.ToUpperInvariant(), false),
            ("a key's prefix", TestKeys.Analyst[..10], false),
            ("a key and more", TestKeys.Analyst + "x", false),
            ("SQL", "' OR '1'='1", false),
            ("Cyrillic key", Raw("ключ"), false),
            ("emoji key", Raw("🔑🔑"), false),
            ("Latin-1 bytes", "cl\u00e9\u00ff", true),
            ("invalid UTF-8", "\u00c3\u0028\u00a0\u00a1", true),
            ("confusable key", Raw(TestKeys.Analyst.Replace('a', 'а')), false),
            ("fullwidth key", Raw("ｉｎｃ＿ｔｅｓｔ"), false),
            ("10,000-char key", new string('k', 10_000), false),
            ("40,000-char key", new string('k', 40_000), true),
            ("NUL in key", "inc\u0000test", true),
            ("DEL in key", "inc\u007ftest", true),
            ("bare CR in key", TestKeys.Analyst + "\rX-Evil: 1", true),
            ("Bearer form", "Bearer " + TestKeys.Analyst, false),
            ("base64 form", Convert.ToBase64String(Utf8(TestKeys.Analyst)), false),
        };
        for (var i = 0; i < 12; i++)
        {
            bogus.Add(($"random key {i}", RandomJunk(random, random.Next(1, 200)).Replace("\\", "", StringComparison.Ordinal), false));
        }

        foreach (var (family, path, method, _) in Endpoints)
        {
            var isPost = method == "POST";
            foreach (var (what, value, wire) in bogus)
            {
                yield return new("key", method, path, $"{family}: {what}", Expect.Refused)
                {
                    Headers = $"X-Api-Key: {value}\r\n", Wire = wire,
                    ContentType = isPost ? "application/json" : null, Body = isPost ? Utf8(ValidAlert()) : null,
                };
            }

            // No key, an empty one, two of them, and a key of the wrong role.
            var valid = isPost ? TestKeys.Ingest : TestKeys.Analyst;
            var wrongRole = isPost ? TestKeys.Analyst : TestKeys.Ingest;
            foreach (var (what, headers) in new[] { ("no key", ""), ("empty key", "X-Api-Key: \r\n"), ("two keys", $"X-Api-Key: {valid}\r\nX-Api-Key: {valid}\r\n"), ("valid and bogus key", $"X-Api-Key: inc_bogus\r\nX-Api-Key: {valid}\r\n"), ("wrong role", $"X-Api-Key: {wrongRole}\r\n"), ("comma-joined keys", $"X-Api-Key: {valid},{valid}\r\n") })
            {
                yield return new("key", method, path, $"{family}: {what}", Expect.Refused)
                {
                    Headers = headers, ContentType = isPost ? "application/json" : null, Body = isPost ? Utf8(ValidAlert()) : null,
                };
            }
        }
    }

    private static IEnumerable<Case> HeaderInjection(Random random)
    {
        string[] injected =
        [
            "X-Evil: a\rSet-Cookie: x=y\r\n", "X-Evil: a\nSet-Cookie: x=y\r\n", "X-Evil: a\r\n b\r\n", "X-Evil: a\r\n\tb\r\n",
            "X Evil: a\r\n", "X-Evil : a\r\n", "X-Evil\r\n", ": a\r\n", "X-\u00e9vil: a\r\n", "X-Evil: a\u0000b\r\n", "X-Evil: a\u0001b\r\n",
            "Host: evil.example\r\n", "Content-Length: 5\r\nContent-Length: 6\r\n", "Content-Length: -1\r\n", "Content-Length: abc\r\n",
            "Content-Length: 1e3\r\n", "Content-Length: 99999999999999999999\r\n", "Transfer-Encoding: gzip\r\n",
            "Transfer-Encoding: chunked, gzip\r\n", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "Expect: 100-continue-please\r\n",
            "\r\n\r\n", " X-Leading: space\r\n", "X-Long: " + new string('v', 40_000) + "\r\n",
            string.Concat(Enumerable.Range(0, 150).Select(i => $"X-Many-{i}: v\r\n")),
        ];
        foreach (var (family, path, method, key) in Endpoints)
        {
            foreach (var header in injected)
            {
                yield return new("header", method, path, $"{family}: header {Escape(header.Length > 40 ? header[..40] + "…" : header)}", Expect.Refused)
                {
                    Key = "inc_bogus_key", Headers = header, Wire = true,
                };
            }

            // A long header below the limits, with a bogus key: the key is what is refused.
            yield return new("header", method, path, $"{family}: 20,000-char header, bogus key", Expect.Refused)
            {
                Key = "inc_bogus_key", Headers = $"X-Padding: {RandomJunk(random, 20_000).Replace("\\", "", StringComparison.Ordinal)}\r\n",
            };
        }

        // Whole heads that are not HTTP/1.1 requests.
        string[] heads =
        [
            "GET /api/v1/hosts/x HTTP/1.1\r\n\r\n", "GET /api/v1/hosts/x HTTP/1.1 extra\r\nHost: a\r\n\r\n",
            "GET /api/v1/hosts/x\r\nHost: a\r\n\r\n", "GET\r\n\r\n", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n",
            "GET /api/v1/hosts/x HTTP/1.1\nHost: a\n\n", "GET  /api/v1/hosts/x HTTP/1.1\r\nHost: a\r\n\r\n", "GET /api/v1/hosts/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET http://evil.example/api/v1/hosts/x HTTP/1.1\r\nHost: a\r\n\r\n",
        ];
        foreach (var head in heads)
        {
            yield return new("header", "RAW", Escape(head.Split('\r', '\n')[0]), "not an HTTP/1.1 head", Expect.Refused) { RawHead = head, Wire = true };
        }

        yield return new("header", "RAW", "GET /api/v1/hosts/x HTTP/9.9", "an HTTP version that does not exist", Expect.Refused)
        {
            RawHead = "GET /api/v1/hosts/x HTTP/9.9\r\nHost: a\r\n\r\n", Wire = true, UnsupportedVersion = true,
        };
    }

    private static IEnumerable<Case> Framing()
    {
        // Bodies whose framing lies: chunk sizes that are not numbers, a body shorter than its length.
        foreach (var (family, path, _, key) in Endpoints.Where(e => e.Method == "POST"))
        {
            foreach (var (what, head) in new[]
            {
                ("chunk size not hex", "zz\r\n[]\r\n0\r\n\r\n"), ("chunk size overflow", "ffffffffffffffffff\r\n[]\r\n0\r\n\r\n"),
                ("chunk without CRLF", "2\r\n[]0\r\n\r\n"), ("negative chunk", "-2\r\n[]\r\n0\r\n\r\n"),
                ("chunk extension junk", "2;" + new string('x', 10_000) + "\r\n[]\r\n0\r\n\r\n"),
                ("chunk longer than its size", "2\r\n[{}]\r\n0\r\n\r\n"), ("no last chunk", "2\r\n[]\r\n"),
            })
            {
                // Kestrel takes a chunk extension it does not know (the body "[]" is an empty batch); the rest are refused.
                yield return new("framing", "POST", path, $"{family}: {what}", what == "chunk extension junk" ? Expect.NoneAccepted : Expect.Refused)
                {
                    RawHead = $"POST {path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-Api-Key: {key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{head}",
                    Wire = true,
                };
            }
        }
    }

    private static IEnumerable<Case> SlowBodies()
    {
        var alert = Utf8(ValidAlert("hostile-slow"));
        foreach (var (family, path, _, key) in Endpoints.Where(e => e.Method == "POST"))
        {
            // Slow but steady: read to the end and answered.
            yield return new("slow", "POST", path, $"{family}: valid body, 64 bytes per 100 ms", Expect.Answered)
            {
                Key = key, ContentType = "application/json", Body = family == "alerts" ? alert : Utf8(ValidEvent()), SlowChunk = 64, SlowDelay = TimeSpan.FromMilliseconds(100),
            };
            yield return new("slow", "POST", path, $"{family}: truncated body, 8 bytes per 200 ms", Expect.Refused)
            {
                Key = key, ContentType = "application/json", Body = alert[..(alert.Length / 3)], SlowChunk = 8, SlowDelay = TimeSpan.FromMilliseconds(200),
            };

            // Slower than Kestrel's minimum data rate past its grace period: timed out, or read, never a 5xx.
            yield return new("slow", "POST", path, $"{family}: 4 KB body, 10 bytes per second", Expect.Refused)
            {
                Key = key, ContentType = "application/json", Body = [.. "["u8, .. new byte[4096].Select(_ => (byte)' '), .. "]"u8],
                SlowChunk = 10, SlowDelay = TimeSpan.FromSeconds(1), Wire = true,
            };

            // A body that never comes: its length is claimed, 2 bytes arrive, then nothing.
            yield return new("slow", "POST", path, $"{family}: Content-Length 1000, 2 bytes sent", Expect.Refused)
            {
                Key = key, ContentType = "application/json", Body = "[]"u8.ToArray(), DeclaredLength = "1000", SlowChunk = 2, SlowDelay = TimeSpan.FromSeconds(30), Wire = true,
            };
        }
    }
}
