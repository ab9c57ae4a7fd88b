using System.Text;
using FraudActors.Silo.Kafka;

namespace FraudActors.Silo.Tests.Kafka;

public sealed class Utf8StringCacheTests
{
    [Fact]
    public void The_string_cache_returns_equal_text_for_equal_bytes_and_survives_collisions()
    {
        // Two slots: many keys collide, which may only cost a decode, never return another key's string.
        var cache = new Utf8StringCache(2);
        var keys = Enumerable.Range(0, 100).Select(i => "merchant-" + i).ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in keys)
            {
                cache.Get(Encoding.UTF8.GetBytes(key)).Should().Be(key);
            }
        }

        var once = cache.Get("EUR"u8);
        cache.Get("EUR"u8).Should().BeSameAs(once);
        var long_ = new string('x', Utf8StringCache.MaxBytes + 1);
        cache.Get(Encoding.UTF8.GetBytes(long_)).Should().Be(long_);
    }
}
