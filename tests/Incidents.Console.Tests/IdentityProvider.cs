using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Incidents.Testing;

namespace Incidents.Console.Tests;

/// <summary>
/// An organisation's identity provider as the console meets it, on a loopback port of its own (another origin): OpenID
/// discovery, an authorization endpoint that signs <see cref="User"/> in at once and sends the browser back with a code,
/// and a token endpoint that gives a token only for a code whose PKCE verifier matches its challenge. Its tokens are the
/// tests' own (<see cref="TestTokens"/>), which the API is configured to trust.
/// </summary>
public sealed class IdentityProvider : IAsyncDisposable
{
    public const string ClientId = "incidents-console";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (string Challenge, string RedirectUri)> _codes = new();
    private readonly Task _loop;

    public IdentityProvider()
    {
        Authority = $"http://127.0.0.1:{FreePort.Next()}";
        _listener.Prefixes.Add(Authority + "/");
        _listener.Start();
        _loop = Task.Run(Listen);
    }

    public string Authority { get; }

    /// <summary>Who the next sign-in is; analysts of the default tenant.</summary>
    public string User { get; set; } = "ana@example.com";

    /// <summary>Codes traded for tokens with the right verifier.</summary>
    public int TokensIssued => _issued;

    private int _issued;

    /// <summary>The API's settings that point the console at this provider.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment() =>
    [
        new("Incidents__Jwt__SignInAuthority", Authority),
        new("Incidents__Jwt__ConsoleClientId", ClientId),
    ];

    private async Task Listen()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or InvalidOperationException)
            {
                // The browser went away mid-answer.
            }
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers["Access-Control-Allow-Origin"] = "*"; // a provider's endpoints for public clients answer any origin
        switch (request.Url!.AbsolutePath)
        {
            case "/.well-known/openid-configuration":
                await Json(response, new
                {
                    issuer = TestTokens.Issuer,
                    authorization_endpoint = $"{Authority}/authorize",
                    token_endpoint = $"{Authority}/token",
                });
                return;
            case "/authorize":
            {
                var q = request.QueryString;
                if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
                    || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"]) || q["redirect_uri"] is not { } redirect)
                {
                    response.StatusCode = 400;
                    response.Close();
                    return;
                }

                var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                _codes[code] = (q["code_challenge"]!, redirect);
                response.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
                response.Close();
                return;
            }

            case "/token" when request.HttpMethod == "POST":
            {
                using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
                var form = System.Web.HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
                var verifier = form["code_verifier"] ?? "";
                var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["code"] is not { } code
                    || !_codes.TryRemove(code, out var issued) || issued.Challenge != challenge || issued.RedirectUri != form["redirect_uri"])
                {
                    response.StatusCode = 400;
                    await Json(response, new { error = "invalid_grant" });
                    return;
                }

                Interlocked.Increment(ref _issued);
                await Json(response, new { access_token = TestTokens.Create(User, ["analyst"], "default"), token_type = "Bearer", expires_in = 3600 });
                return;
            }

            default:
                response.StatusCode = 404;
                response.Close();
                return;
        }
    }

    private static async Task Json(HttpListenerResponse response, object body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
