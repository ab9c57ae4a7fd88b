using System.Globalization;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Trainer.Simulation;

/// <summary>
/// The simulator of "Reproducible Machine Learning for Credit Card Fraud Detection — Practical Handbook"
/// (Le Borgne et al., chapter "Transaction data simulator"), rewritten to stream day by day.
/// Customers and terminals sit uniformly on a 100×100 grid; a customer uses the terminals within
/// <see cref="HandbookParameters.Radius"/>; each day a customer makes Poisson(mean per day) transactions at
/// times normal around noon (σ = 20,000 s, times outside the day dropped) with normal amounts
/// (negative draws redrawn uniformly in [0, 2·mean]). Frauds follow the handbook's three scenarios, applied in
/// its order (1, then 2, then 3, a later one overriding the tag).
/// Differences, all documented: scenario 3 marks each transaction of a compromised customer with probability
/// 1/3 instead of sampling exactly ⌊n/3⌋ of them over the window (same expectation, but streamable);
/// amounts that round to 0.00 become 0.01 because the engine rejects non-positive amounts; the random
/// streams are ours, so the rows are statistically, not numerically, the handbook's.
/// The grid is placed on the map as kilometres around Brussels (grid (50, 50) = 50.8503 N, 4.3517 E; x east,
/// y north), so distances and speeds the cardholder windows compute are real kilometres.
/// </summary>
internal sealed class HandbookDayGenerator : IDayGenerator
{
    public const double OriginLatitude = 50.8503;
    public const double OriginLongitude = 4.3517;
    private const double KilometresPerDegreeLatitude = 110.574;
    private const double GridSize = 100;
    private const int SecondsPerDay = 86_400;
    private const long MinimumCents = 1;
    private const long MaximumCents = 1_000_000_000;

    private static readonly string OtherCategory = MerchantCategories.Names[MerchantCategories.TryGetIndex("other", out var other) ? other : 0];

    private readonly HandbookParameters _parameters;
    private readonly DeterministicRandom _random;
    private readonly long _startTicks;
    private readonly double[] _meanAmount;
    private readonly double[] _meanTransactionsPerDay;
    private readonly int[] _terminalStart;
    private readonly int[] _terminals;
    private readonly double[] _terminalLatitude;
    private readonly double[] _terminalLongitude;
    private readonly int[] _terminalCompromisedUntil;
    private readonly int[] _customerCompromisedUntil;
    private readonly string[] _customerIds;
    private readonly string[] _terminalIds;
    private readonly long _thresholdCents;
    private readonly long _amountFactorTimes100;

    public HandbookDayGenerator(SimulationOptions options)
    {
        _parameters = options.Handbook;
        _random = new DeterministicRandom(options.Seed);
        _startTicks = options.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        _thresholdCents = (long)(_parameters.AmountThreshold * 100m);
        _amountFactorTimes100 = (long)(_parameters.CompromisedCustomerAmountFactor * 100m);

        var customers = options.Cards;
        var customerX = new double[customers];
        var customerY = new double[customers];
        _meanAmount = new double[customers];
        _meanTransactionsPerDay = new double[customers];
        for (var c = 0; c < customers; c++)
        {
            customerX[c] = _random.NextDouble(0, GridSize);
            customerY[c] = _random.NextDouble(0, GridSize);
            _meanAmount[c] = _random.NextDouble(5, 100);
            _meanTransactionsPerDay[c] = _random.NextDouble(0, 4);
        }

        var terminals = options.Merchants;
        var terminalX = new double[terminals];
        var terminalY = new double[terminals];
        _terminalLatitude = new double[terminals];
        _terminalLongitude = new double[terminals];
        for (var t = 0; t < terminals; t++)
        {
            terminalX[t] = _random.NextDouble(0, GridSize);
            terminalY[t] = _random.NextDouble(0, GridSize);
            (_terminalLatitude[t], _terminalLongitude[t]) = ToMap(terminalX[t], terminalY[t]);
        }

        (_terminalStart, _terminals) = TerminalsWithinRadius(customerX, customerY, terminalX, terminalY, _parameters.Radius);
        _terminalCompromisedUntil = new int[terminals];
        _customerCompromisedUntil = new int[customers];
        Array.Fill(_terminalCompromisedUntil, -1);
        Array.Fill(_customerCompromisedUntil, -1);

        _customerIds = new string[customers];
        for (var c = 0; c < customers; c++)
        {
            _customerIds[c] = c.ToString(CultureInfo.InvariantCulture);
        }

        _terminalIds = new string[terminals];
        for (var t = 0; t < terminals; t++)
        {
            _terminalIds[t] = t.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Grid (x, y) in kilometres → latitude/longitude, as the rows carry it (rounded to 5 decimals).</summary>
    public static (double Latitude, double Longitude) ToMap(double x, double y) =>
        (Math.Round(OriginLatitude + ((y - 50) / KilometresPerDegreeLatitude), 5),
         Math.Round(OriginLongitude + ((x - 50) / (111.320 * Math.Cos(OriginLatitude * Math.PI / 180))), 5));

    public void GenerateDay(int day, List<DraftTransaction> output)
    {
        DrawCompromises(day);
        var dayStart = _startTicks + (day * TimeSpan.TicksPerDay);
        for (var c = 0; c < _meanAmount.Length; c++)
        {
            var count = _random.NextPoisson(_meanTransactionsPerDay[c]);
            var mean = _meanAmount[c];
            var compromised = _customerCompromisedUntil[c] >= day;
            var first = _terminalStart[c];
            var available = _terminalStart[c + 1] - first;
            for (var i = 0; i < count; i++)
            {
                // int() in the handbook truncates toward zero; both ends of the day are excluded.
                var seconds = (int)_random.NextGaussian(SecondsPerDay / 2.0, 20_000);
                if (seconds <= 0 || seconds >= SecondsPerDay)
                {
                    continue;
                }

                var amount = _random.NextGaussian(mean, mean / 2);
                if (amount < 0)
                {
                    amount = _random.NextDouble(0, mean * 2);
                }

                if (available == 0)
                {
                    continue;
                }

                var terminal = _terminals[first + _random.NextInt(available)];
                var cents = Math.Clamp((long)Math.Round(amount * 100, MidpointRounding.ToEven), MinimumCents, MaximumCents);
                byte fraud = 0;
                if (cents > _thresholdCents)
                {
                    fraud = 1;
                }

                if (_terminalCompromisedUntil[terminal] >= day)
                {
                    fraud = 2;
                }

                if (compromised && _random.Chance(_parameters.CompromisedCustomerShare))
                {
                    cents = Math.Min(cents * _amountFactorTimes100 / 100, MaximumCents);
                    fraud = 3;
                }

                output.Add(new DraftTransaction
                {
                    Ticks = dayStart + (seconds * TimeSpan.TicksPerSecond),
                    Order = output.Count,
                    Card = c,
                    Merchant = terminal,
                    AmountCents = cents,
                    Place = -1,
                    Latitude = _terminalLatitude[terminal],
                    Longitude = _terminalLongitude[terminal],
                    Category = 0,
                    Online = false,
                    Fraud = fraud,
                });
            }
        }
    }

    public SimulatedTransaction Materialize(in DraftTransaction draft, string transactionId)
    {
        var transaction = new CardTransaction(
            transactionId,
            _customerIds[draft.Card],
            new DateTimeOffset(draft.Ticks, TimeSpan.Zero),
            new decimal((int)draft.AmountCents, (int)(draft.AmountCents >> 32), 0, false, 2),
            "EUR",
            _terminalIds[draft.Merchant],
            OtherCategory,
            Channel.CardPresent,
            City: null,
            draft.Latitude,
            draft.Longitude,
            DeviceId: null);
        var tag = draft.Fraud switch
        {
            1 => FraudScenarios.LargeAmount,
            2 => FraudScenarios.CompromisedTerminal,
            3 => FraudScenarios.CompromisedCustomer,
            _ => null,
        };
        return new SimulatedTransaction(transaction, tag is not null, tag);
    }

    /// <summary>Scenarios 2 and 3: each day draws terminals and customers (without replacement) for their windows.</summary>
    private void DrawCompromises(int day)
    {
        Draw(_terminalCompromisedUntil, _parameters.CompromisedTerminalsPerDay, day + _parameters.TerminalCompromiseDays - 1);
        Draw(_customerCompromisedUntil, _parameters.CompromisedCustomersPerDay, day + _parameters.CustomerCompromiseDays - 1);
    }

    private void Draw(int[] compromisedUntil, int count, int lastDay)
    {
        count = Math.Min(count, compromisedUntil.Length);
        Span<int> drawn = count <= 64 ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            int candidate;
            do
            {
                candidate = _random.NextInt(compromisedUntil.Length);
            }
            while (drawn[..i].Contains(candidate));

            drawn[i] = candidate;
            compromisedUntil[candidate] = Math.Max(compromisedUntil[candidate], lastDay);
        }
    }

    /// <summary>
    /// Each customer's terminals within the radius, as a CSR table (start offsets + ids), through a bucket grid so
    /// setup is near-linear rather than customers × terminals.
    /// </summary>
    private static (int[] Start, int[] Terminals) TerminalsWithinRadius(
        double[] customerX, double[] customerY, double[] terminalX, double[] terminalY, double radius)
    {
        var cells = Math.Max(1, (int)(GridSize / radius));
        var cellSize = GridSize / cells;
        var bucketStart = new int[(cells * cells) + 1];
        var terminalCell = new int[terminalX.Length];
        for (var t = 0; t < terminalX.Length; t++)
        {
            terminalCell[t] = CellOf(terminalX[t], cellSize, cells) + (CellOf(terminalY[t], cellSize, cells) * cells);
            bucketStart[terminalCell[t] + 1]++;
        }

        for (var b = 0; b < cells * cells; b++)
        {
            bucketStart[b + 1] += bucketStart[b];
        }

        var bucketFill = (int[])bucketStart.Clone();
        var byCell = new int[terminalX.Length];
        for (var t = 0; t < terminalX.Length; t++)
        {
            byCell[bucketFill[terminalCell[t]]++] = t;
        }

        var start = new int[customerX.Length + 1];
        var found = new List<int>(customerX.Length * 16);
        var near = new List<int>(64);
        var radiusSquared = radius * radius;
        for (var c = 0; c < customerX.Length; c++)
        {
            near.Clear();
            var cx = CellOf(customerX[c], cellSize, cells);
            var cy = CellOf(customerY[c], cellSize, cells);
            for (var y = Math.Max(0, cy - 1); y <= Math.Min(cells - 1, cy + 1); y++)
            {
                for (var x = Math.Max(0, cx - 1); x <= Math.Min(cells - 1, cx + 1); x++)
                {
                    var bucket = x + (y * cells);
                    for (var i = bucketStart[bucket]; i < bucketStart[bucket + 1]; i++)
                    {
                        var t = byCell[i];
                        var dx = terminalX[t] - customerX[c];
                        var dy = terminalY[t] - customerY[c];
                        if ((dx * dx) + (dy * dy) < radiusSquared)
                        {
                            near.Add(t);
                        }
                    }
                }
            }

            // The handbook lists terminals in id order; keep that so the draw does not depend on bucket layout.
            near.Sort();
            found.AddRange(near);
            start[c + 1] = found.Count;
        }

        return (start, found.ToArray());
    }

    private static int CellOf(double coordinate, double cellSize, int cells) =>
        Math.Min(cells - 1, (int)(coordinate / cellSize));
}
