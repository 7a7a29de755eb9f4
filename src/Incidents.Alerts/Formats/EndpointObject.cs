using System.Text;
using System.Text.Json;
using Incidents.Alerts.Events;

namespace Incidents.Alerts.Formats;

/// <summary>How an endpoint object's host name is read.</summary>
internal enum EndpointHostName
{
    /// <summary>As written: an alert's named host (the assembler keys hosts by its lowercase).</summary>
    AsWritten,

    /// <summary>By the context events' rule (see <see cref="HostNames"/>): an address there stands in for a missing ip.</summary>
    NameOrAddress,
}

/// <summary>
/// One side of the traffic written as an object of its own: the native schema's <c>src</c> and <c>dst</c>
/// (<c>ip</c>, <c>port</c>, <c>hostName</c>, <c>user</c>) and OCSF Authentication's <c>src_endpoint</c> and
/// <c>dst_endpoint</c> (<c>ip</c>, <c>port</c>, <c>hostname</c>). Null, and an object with none of the members,
/// read as no endpoint; other members are skipped; a member twice is an error. Built once per object name.
/// </summary>
internal sealed class EndpointObject
{
    private readonly string _name;
    private readonly byte[] _hostNameMember;
    private readonly bool _hasUser;
    private readonly EndpointHostName _hostNameRule;
    private readonly string _ip;
    private readonly string _port;
    private readonly string _hostName;
    private readonly string _user;

    /// <param name="name">The object's name, which error messages put before each member (<c>src.port</c>).</param>
    /// <param name="hostNameMember">What the format calls the host name member.</param>
    /// <param name="hasUser">Whether the format has a <c>user</c> member.</param>
    /// <param name="hostNameRule">How the host name is read.</param>
    public EndpointObject(string name, string hostNameMember, bool hasUser, EndpointHostName hostNameRule)
    {
        _name = name;
        _hostNameMember = Encoding.UTF8.GetBytes(hostNameMember);
        _hasUser = hasUser;
        _hostNameRule = hostNameRule;
        _ip = name + ".ip";
        _port = name + ".port";
        _hostName = name + "." + hostNameMember;
        _user = name + ".user";
    }

    private enum Member { Unknown, Ip, Port, HostName, User }

    public EndpointDraft? Read(ref Utf8JsonReader reader, int maxLength)
    {
        if (!JsonValues.StartsObject(ref reader, _name))
        {
            return null;
        }

        var endpoint = new EndpointDraft();
        ulong seen = 0;
        while (JsonValues.NextProperty(ref reader))
        {
            (Member member, string name) =
                reader.ValueTextEquals("ip"u8) ? (Member.Ip, _ip) :
                reader.ValueTextEquals("port"u8) ? (Member.Port, _port) :
                reader.ValueTextEquals(_hostNameMember) ? (Member.HostName, _hostName) :
                _hasUser && reader.ValueTextEquals("user"u8) ? (Member.User, _user) :
                (Member.Unknown, "");
            if (!JsonValues.EnterKnownField(ref reader, ref seen, (int)member, name))
            {
                continue;
            }

            switch (member)
            {
                case Member.Ip:
                    endpoint.Ip = JsonValues.ReadIp(ref reader, name);
                    break;
                case Member.Port:
                    endpoint.Port = JsonValues.ReadPort(ref reader, name);
                    break;
                case Member.HostName:
                    ReadHostName(ref reader, endpoint, name, maxLength);
                    break;
                default:
                    endpoint.User = JsonValues.ReadString(ref reader, name, maxLength);
                    break;
            }
        }

        return endpoint.IsEmpty ? null : endpoint;
    }

    private void ReadHostName(ref Utf8JsonReader reader, EndpointDraft endpoint, string name, int maxLength)
    {
        string? text = JsonValues.ReadString(ref reader, name, maxLength);
        if (_hostNameRule == EndpointHostName.AsWritten)
        {
            endpoint.HostName = text;
            return;
        }

        HostNames.Parse(text, name, out var ip, out string? hostName);
        endpoint.HostName = hostName;
        endpoint.Ip ??= ip;
    }
}
