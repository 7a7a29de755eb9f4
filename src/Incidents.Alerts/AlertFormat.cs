namespace Incidents.Alerts;

/// <summary>The shape of one incoming item. <see cref="Auto"/> decides per item (see <c>FormatDetector</c>).</summary>
public enum AlertFormat
{
    Auto = 0,

    /// <summary>The project's own schema (see <c>NativeAlertParser</c>).</summary>
    Native = 1,

    /// <summary>Suricata EVE JSON, <c>event_type: "alert"</c>.</summary>
    Suricata = 2,

    /// <summary>OCSF Detection Finding (<c>class_uid</c> 2004) or Security Finding (2001).</summary>
    Ocsf = 3,

    /// <summary>ECS alert document (<c>event.kind</c> alert or signal), as Elastic Security writes it; an Elasticsearch hit is read through its <c>_source</c>.</summary>
    Ecs = 4,

    /// <summary>Zeek notice log entry (<c>note</c>), either JSON style.</summary>
    Zeek = 5,
}
