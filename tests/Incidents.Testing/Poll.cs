namespace Incidents.Testing;

public static class Poll
{
    /// <summary>Asks until the answer satisfies <paramref name="done"/> or the deadline passes; returns the last answer.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var answer = await ask();
            if (done(answer) || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(50);
        }
    }
}
