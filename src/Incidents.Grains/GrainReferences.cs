namespace Incidents.Grains;

/// <summary>
/// Grain references by key without reflection. <c>IGrainFactory.GetGrain&lt;T&gt;(string)</c> reads the interface's
/// attributes anew at every call (Orleans caches the answer nowhere): with a batch making ~800 host references, that
/// was 9% of a silo's CPU under ingest. The interface's id and grain type are resolved once here.
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        var (interfaceType, grainType) = Resolved<T>.Get(grains);
        return (T)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    private static class Resolved<T> where T : IGrainWithStringKey
    {
        private static (GrainInterfaceType, GrainType)? s_types;

        // Every silo and client in a process resolves an interface alike: the types come from its attributes alone.
        public static (GrainInterfaceType, GrainType) Get(IGrainFactory grains)
        {
            if (s_types is { } types)
            {
                return types;
            }

            // One reference the slow way: its interface and grain types are what every later one needs.
            var first = (GrainReference)(object)grains.GetGrain<T>("-");
            s_types = types = (first.InterfaceType, first.GrainId.Type);
            return types;
        }
    }
}
