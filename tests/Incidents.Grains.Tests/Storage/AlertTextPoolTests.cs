using Incidents.Contracts.Alerts;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Tests.Storage;

public sealed class AlertTextPoolTests
{
    private static string Text(string value) => new(value.AsSpan()); // a copy, as deserializing makes one

    private static AlertSummary Alert(int clientPort, int serverPort) => TestAlerts.On("ws-1", Severity.Low) with
    {
        Title = Text("ET POLICY Dropbox.com Offsite File Backup in Use"),
        Src = new EndpointSummary(Text("10.0.0.7"), clientPort, null, null, IsInternal: true),
        Dst = new EndpointSummary(Text("162.125.1.1"), serverPort, null, null, IsInternal: false),
    };

    [Fact]
    public void A_server_on_the_same_port_is_one_object_and_its_texts_one_string()
    {
        var pool = new AlertTextPool();
        var first = pool.Share(Alert(51_000, 443));
        var second = pool.Share(Alert(51_001, 443));

        Assert.Same(first.Dst, second.Dst);
        Assert.Same(first.Title, second.Title);
    }

    [Fact]
    public void A_client_end_on_an_ephemeral_port_keeps_its_own_object_but_shares_its_address()
    {
        var pool = new AlertTextPool();
        var first = pool.Share(Alert(51_000, 443));
        var second = pool.Share(Alert(51_000, 443));

        Assert.NotSame(first.Src, second.Src);
        Assert.Equal(first.Src, second.Src);
        Assert.Same(first.Src!.Ip, second.Src!.Ip);
    }

    [Fact]
    public void A_low_port_on_either_side_is_pooled_as_a_server()
    {
        var pool = new AlertTextPool();
        var first = pool.Share(Alert(5_000, 445));
        var second = pool.Share(Alert(5_000, 446));

        Assert.Same(first.Src, second.Src);
        Assert.NotSame(first.Dst, second.Dst);
    }
}
