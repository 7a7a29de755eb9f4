using System.Security.Cryptography;
using System.Text;

namespace Incidents.Testing;

/// <summary>API keys the harness configures (as an operator would: hashes in the environment).</summary>
public static class TestKeys
{
    public const string Ingest = "inc_test_ingest_0f4c2a";
    public const string Analyst = "inc_test_analyst_9b1d7e";
    public const string Admin = "inc_test_admin_63a8c1";

    /// <summary>The installation's administrator: tenants, keys and the Orleans dashboard.</summary>
    public const string InstallationAdmin = "inc_test_installation_admin_4e07b2";

    /// <summary>An analyst of another tenant, who must see nothing of the default tenant.</summary>
    public const string OtherTenantAnalyst = "inc_test_acme_analyst_d27f90";

    /// <summary>An ingest key of the other tenant.</summary>
    public const string OtherTenantIngest = "inc_test_acme_ingest_5c81e3";

    public const string OtherTenant = "acme";

    public static IEnumerable<KeyValuePair<string, string>> Environment()
    {
        (string Name, string Tenant, string Role, string Secret)[] keys =
        [
            ("test-ingest", "default", "ingest", Ingest),
            ("test-analyst", "default", "analyst", Analyst),
            ("test-admin", "default", "admin", Admin),
            ("test-installation-admin", "default", "installation-admin", InstallationAdmin),
            ("test-acme-analyst", OtherTenant, "analyst", OtherTenantAnalyst),
            ("test-acme-ingest", OtherTenant, "ingest", OtherTenantIngest),
        ];
        for (var i = 0; i < keys.Length; i++)
        {
            var prefix = $"Incidents__ApiKeys__Keys__{i}__";
            yield return new(prefix + "Name", keys[i].Name);
            yield return new(prefix + "Tenant", keys[i].Tenant);
            yield return new(prefix + "Role", keys[i].Role);
            yield return new(prefix + "Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keys[i].Secret))));
        }
    }
}
