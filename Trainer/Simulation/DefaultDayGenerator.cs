using System.Globalization;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Trainer.Simulation;

/// <summary>
/// The default scenario: cardholders living in real cities, with their own spending level, favourite shops,
/// online share, devices and daily rhythm; trips to other cities (booked online ahead, in transit for the
/// flight time, so genuine travel has plausible speeds); occasional big genuine purchases and genuine new
/// phones. Four fraud patterns are injected (see <see cref="FraudScenarios"/>), each with a share of cases
/// that look ordinary, so a good model stays well short of perfect precision and recall.
/// </summary>
internal sealed class DefaultDayGenerator : IDayGenerator
{
    private const int SecondsPerDay = 86_400;
    private const long MaximumCents = 5_000_000;
    private const double KilometresPerDegree = 111.32;
    private const long PhoneDevice = 1L << 62;
    private const long LaptopDevice = 2L << 62;
    private const long FraudDevice = 1L << 61;

    private static readonly int Atm = CategoryProfiles.IndexOf("atm");
    private static readonly int Travel = CategoryProfiles.IndexOf("travel");
    private static readonly int Hotel = CategoryProfiles.IndexOf("hotel");
    private static readonly int[] TestingCategories = Indexes("digital_goods", "online_marketplace", "entertainment", "gambling", "other");
    private static readonly int[] CashOutCategories = Indexes("electronics", "digital_goods", "online_marketplace", "jewelry");
    private static readonly int[] StolenCardCategories = Indexes("electronics", "jewelry", "atm", "atm", "clothing", "retail", "fuel", "grocery");
    private static readonly int[] TakeoverCategories = Indexes("electronics", "money_transfer", "jewelry", "digital_goods", "online_marketplace", "gambling");
    private static readonly int[] SkimmedCategories = Indexes("electronics", "atm", "clothing", "digital_goods", "online_marketplace", "jewelry");

    private readonly SimulationOptions _options;
    private readonly DeterministicRandom _random;
    private readonly long _startTicks;
    private readonly IReadOnlyList<WorldCity> _cities;

    // Merchants.
    private readonly int[] _merchantCategory;
    private readonly int[] _merchantCity;
    private readonly double[] _merchantLatitude;
    private readonly double[] _merchantLongitude;
    private readonly int[][] _shopsByCity;
    private readonly int[][][] _shopsByCityCategory;
    private readonly int[] _webMerchants;
    private readonly int[][] _webByCategory;
    private readonly int[] _merchantCompromisedUntil;
    private readonly string[] _merchantIds;

    // Cardholders.
    private readonly int[] _homeCity;
    private readonly double[] _spendFactor;
    private readonly double[] _transactionsPerDay;
    private readonly double[] _weekendFactor;
    private readonly double[] _onlineShare;
    private readonly double[] _middayPeak;
    private readonly double[] _eveningPeak;
    private readonly double[] _middayWeight;
    private readonly bool[] _nightOwl;
    private readonly bool[] _hasLaptop;
    private readonly int[] _phoneGeneration;
    private readonly int[][] _favouriteShops;
    private readonly int[][] _favouriteWeb;
    private readonly Trip[] _trips;
    private readonly bool[] _skimPending;
    private readonly string[] _cardIds;

    private readonly Dictionary<int, List<DraftTransaction>> _future = [];
    private readonly double _cardTestingChance;
    private readonly double _stolenCardChance;
    private readonly double _takeoverChance;
    private readonly double _compromisesPerDay;
    private long _fraudDevices;
    private int _currentDay;

    public DefaultDayGenerator(SimulationOptions options)
    {
        _options = options;
        _random = new DeterministicRandom(options.Seed);
        _startTicks = options.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        _cities = WorldCities.All;
        var rates = options.DefaultFraud;
        _cardTestingChance = rates.CardTesting / 10_000 * options.FraudMultiplier;
        _stolenCardChance = rates.StolenCard / 10_000 * options.FraudMultiplier;
        _takeoverChance = rates.AccountTakeover / 10_000 * options.FraudMultiplier;
        _compromisesPerDay = rates.MerchantCompromise * options.Cards / 10_000 * options.FraudMultiplier;

        var merchants = options.Merchants;
        _merchantCategory = new int[merchants];
        _merchantCity = new int[merchants];
        _merchantLatitude = new double[merchants];
        _merchantLongitude = new double[merchants];
        _merchantCompromisedUntil = new int[merchants];
        Array.Fill(_merchantCompromisedUntil, -1);
        _merchantIds = new string[merchants];
        PlaceMerchants(out _shopsByCity, out _shopsByCityCategory, out _webMerchants, out _webByCategory);

        var cards = options.Cards;
        _homeCity = new int[cards];
        _spendFactor = new double[cards];
        _transactionsPerDay = new double[cards];
        _weekendFactor = new double[cards];
        _onlineShare = new double[cards];
        _middayPeak = new double[cards];
        _eveningPeak = new double[cards];
        _middayWeight = new double[cards];
        _nightOwl = new bool[cards];
        _hasLaptop = new bool[cards];
        _phoneGeneration = new int[cards];
        _favouriteShops = new int[cards][];
        _favouriteWeb = new int[cards][];
        _trips = new Trip[cards];
        _skimPending = new bool[cards];
        _cardIds = new string[cards];
        CreateCardholders();
    }

    public void GenerateDay(int day, List<DraftTransaction> output)
    {
        _currentDay = day;
        if (_future.Remove(day, out var carried))
        {
            foreach (var draft in carried)
            {
                Add(output, draft);
                if (draft.Fraud == 4)
                {
                    _skimPending[draft.Card] = false; // the leaked card can be skimmed again from now on
                }
            }
        }

        var dayStart = _startTicks + (day * TimeSpan.TicksPerDay);
        var weekend = new DateTime(dayStart, DateTimeKind.Utc).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        CompromiseMerchants(day);

        var firstGenuine = output.Count;
        for (var card = 0; card < _cardIds.Length; card++)
        {
            PlanTrip(card, day, output);
            if (_random.Chance(1.0 / 400))
            {
                _phoneGeneration[card]++; // a genuine new phone: "new device" is not proof of fraud
            }

            var cardFirst = output.Count;
            var expected = _transactionsPerDay[card] * (weekend ? _weekendFactor[card] : 1);
            var count = _random.NextPoisson(expected);
            for (var i = 0; i < count; i++)
            {
                AddGenuine(card, dayStart + (SampleSecondOfDay(card) * TimeSpan.TicksPerSecond), output);
            }

            if (_random.Chance(_cardTestingChance))
            {
                InjectCardTesting(card, dayStart, output);
            }

            if (_random.Chance(_stolenCardChance))
            {
                InjectStolenCard(card, dayStart, cardFirst, output);
            }

            if (_random.Chance(_takeoverChance))
            {
                InjectAccountTakeover(card, dayStart, output);
            }
        }

        SkimAtCompromisedMerchants(day, firstGenuine, output);
    }

    public SimulatedTransaction Materialize(in DraftTransaction draft, string transactionId)
    {
        var hasLocation = !double.IsNaN(draft.Latitude);
        var transaction = new CardTransaction(
            transactionId,
            _cardIds[draft.Card],
            new DateTimeOffset(draft.Ticks, TimeSpan.Zero),
            new decimal((int)draft.AmountCents, 0, 0, false, 2),
            "EUR",
            _merchantIds[draft.Merchant],
            MerchantCategories.Names[draft.Category],
            draft.Online ? Channel.Online : Channel.CardPresent,
            draft.Place >= 0 ? _cities[draft.Place].Name : null,
            hasLocation ? draft.Latitude : null,
            hasLocation ? draft.Longitude : null,
            draft.Device != 0 ? DeviceName(draft.Device) : null);
        var tag = draft.Fraud switch
        {
            1 => FraudScenarios.CardTesting,
            2 => FraudScenarios.StolenCard,
            3 => FraudScenarios.AccountTakeover,
            4 => FraudScenarios.CompromisedMerchant,
            _ => null,
        };
        return new SimulatedTransaction(transaction, tag is not null, tag);
    }

    private void PlaceMerchants(out int[][] shopsByCity, out int[][][] shopsByCityCategory, out int[] web, out int[][] webByCategory)
    {
        var cityCount = _cities.Count;
        var categories = CategoryProfiles.Count;
        var shopWeights = new double[categories];
        var webWeights = new double[categories];
        for (var c = 0; c < categories; c++)
        {
            shopWeights[c] = CategoryProfiles.Get(c).ShopWeight;
            webWeights[c] = CategoryProfiles.Get(c).WebWeight;
        }

        // Visited-only cities get shops too (travel and stolen-card use happen there).
        var cityWeights = new double[cityCount];
        for (var c = 0; c < cityCount; c++)
        {
            cityWeights[c] = _cities[c].Residents + 0.4;
        }

        var shopLists = new List<int>[cityCount];
        var shopCategoryLists = new List<int>[cityCount * categories];
        var webList = new List<int>();
        var webCategoryLists = new List<int>[categories];
        var shopsPlaced = 0;
        for (var m = 0; m < _merchantIds.Length; m++)
        {
            _merchantIds[m] = "M" + m.ToString("D5", CultureInfo.InvariantCulture);

            // Every seventh merchant is online-only; the first shops cover every city once.
            if (m % 7 == 6)
            {
                var category = PickWeighted(webWeights);
                _merchantCategory[m] = category;
                _merchantCity[m] = -1;
                _merchantLatitude[m] = double.NaN;
                _merchantLongitude[m] = double.NaN;
                webList.Add(m);
                (webCategoryLists[category] ??= []).Add(m);
                continue;
            }

            var city = shopsPlaced < cityCount ? shopsPlaced : PickWeighted(cityWeights);
            shopsPlaced++;
            var shopCategory = PickWeighted(shopWeights);
            _merchantCategory[m] = shopCategory;
            _merchantCity[m] = city;
            (_merchantLatitude[m], _merchantLongitude[m]) = Scatter(_cities[city], 3.0);
            (shopLists[city] ??= []).Add(m);
            (shopCategoryLists[(city * categories) + shopCategory] ??= []).Add(m);
        }

        shopsByCity = new int[cityCount][];
        shopsByCityCategory = new int[cityCount][][];
        for (var c = 0; c < cityCount; c++)
        {
            shopsByCity[c] = shopLists[c]?.ToArray() ?? [];
            shopsByCityCategory[c] = new int[categories][];
            for (var k = 0; k < categories; k++)
            {
                shopsByCityCategory[c][k] = shopCategoryLists[(c * categories) + k]?.ToArray() ?? [];
            }
        }

        web = webList.ToArray();
        webByCategory = new int[categories][];
        for (var k = 0; k < categories; k++)
        {
            webByCategory[k] = webCategoryLists[k]?.ToArray() ?? [];
        }
    }

    private void CreateCardholders()
    {
        // Cardholders live only where there are shops (few merchants leave some cities without any).
        var residents = new double[_cities.Count];
        var total = 0.0;
        for (var c = 0; c < residents.Length; c++)
        {
            residents[c] = _shopsByCity[c].Length > 0 ? _cities[c].Residents : 0;
            total += residents[c];
        }

        for (var c = 0; total == 0 && c < residents.Length; c++)
        {
            residents[c] = _shopsByCity[c].Length > 0 ? 1 : 0;
        }

        var favourites = new List<int>(16);
        for (var card = 0; card < _cardIds.Length; card++)
        {
            _cardIds[card] = "C" + card.ToString("D6", CultureInfo.InvariantCulture);
            var home = PickWeighted(residents);
            _homeCity[card] = home;
            _spendFactor[card] = _random.NextLogNormal(1, 0.35);
            _transactionsPerDay[card] = Math.Clamp(_random.NextLogNormal(1.6, 0.5), 0.2, 8);
            _weekendFactor[card] = _random.NextDouble(0.8, 1.4);
            _onlineShare[card] = _webMerchants.Length == 0 ? 0 : _random.NextDouble(0.05, 0.45);
            _middayPeak[card] = _random.NextGaussian(12.5, 1.0);
            _eveningPeak[card] = _random.NextGaussian(19, 1.2);
            _middayWeight[card] = _random.NextDouble(0.3, 0.7);
            _nightOwl[card] = _random.Chance(0.1);
            _hasLaptop[card] = _random.Chance(0.35);
            _trips[card] = Trip.None;

            favourites.Clear();
            var shops = _shopsByCity[home];
            var shopFavourites = shops.Length == 0 ? 0 : _random.NextInt(4, 13);
            for (var i = 0; i < shopFavourites; i++)
            {
                favourites.Add(shops[_random.NextInt(shops.Length)]);
            }

            _favouriteShops[card] = favourites.ToArray();
            favourites.Clear();
            var webFavourites = _webMerchants.Length == 0 ? 0 : _random.NextInt(1, 5);
            for (var i = 0; i < webFavourites; i++)
            {
                favourites.Add(_webMerchants[_random.NextInt(_webMerchants.Length)]);
            }

            _favouriteWeb[card] = favourites.ToArray();
        }
    }

    /// <summary>A seconds-of-day draw from the card's rhythm: a midday and an evening peak, some night owls.</summary>
    private int SampleSecondOfDay(int card)
    {
        double hour;
        if (_nightOwl[card] && _random.Chance(0.2))
        {
            hour = _random.NextDouble(22, 27);
        }
        else
        {
            var peak = _random.Chance(_middayWeight[card]) ? _middayPeak[card] : _eveningPeak[card];
            hour = _random.NextGaussian(peak, 1.8);
        }

        hour %= 24;
        if (hour < 0)
        {
            hour += 24;
        }

        return Math.Min(SecondsPerDay - 1, (int)(hour * 3600));
    }

    private void AddGenuine(int card, long ticks, List<DraftTransaction> output)
    {
        var place = _trips[card].PlaceAt(ticks, _homeCity[card]);
        var inTransit = place == Trip.InTransit;
        var online = inTransit || _random.Chance(_onlineShare[card]);
        if (online && _webMerchants.Length == 0)
        {
            if (inTransit)
            {
                return;
            }

            online = false;
        }

        int merchant;
        long device = 0;
        if (online)
        {
            var favourites = _favouriteWeb[card];
            merchant = favourites.Length > 0 && _random.Chance(0.6)
                ? favourites[_random.NextInt(favourites.Length)]
                : _webMerchants[_random.NextInt(_webMerchants.Length)];
            device = _hasLaptop[card] && _random.Chance(0.4)
                ? LaptopDevice | ((long)card << 24)
                : PhoneDevice | ((long)card << 24) | (uint)_phoneGeneration[card];
        }
        else
        {
            var favourites = _favouriteShops[card];
            var shops = _shopsByCity[place];
            if (place == _homeCity[card] && favourites.Length > 0 && _random.Chance(0.7))
            {
                merchant = favourites[_random.NextInt(favourites.Length)];
            }
            else if (shops.Length > 0)
            {
                merchant = shops[_random.NextInt(shops.Length)];
            }
            else
            {
                return; // fewer merchants than cities: nowhere to pay in this one
            }
        }

        var category = _merchantCategory[merchant];
        var amount = GenuineAmount(card, category);
        if (_random.Chance(0.003))
        {
            amount *= _random.NextDouble(4, 12); // the odd big genuine purchase
        }

        Add(output, Draft(card, merchant, ticks, ToCents(amount, category), online, device, fraud: 0));
    }

    private double GenuineAmount(int card, int category)
    {
        ref readonly var profile = ref CategoryProfiles.Get(category);
        return _random.NextLogNormal(profile.MedianAmount * _spendFactor[card], profile.Sigma);
    }

    /// <summary>About one trip per 100 card-days, booked 1–21 days ahead, 2–10 days long.</summary>
    private void PlanTrip(int card, int day, List<DraftTransaction> output)
    {
        ref var trip = ref _trips[card];
        if (trip.IsPlannedOrActive(_startTicks + (day * TimeSpan.TicksPerDay)) || !_random.Chance(0.01))
        {
            return;
        }

        var home = _homeCity[card];
        int destination;
        do
        {
            destination = _random.Chance(0.75) ? PickResidentCity() : _random.NextInt(_cities.Count);
        }
        while (destination == home && _cities.Count > 1);

        if (destination == home)
        {
            return;
        }

        var distance = WorldCities.DistanceKm(_cities[home].Latitude, _cities[home].Longitude, _cities[destination].Latitude, _cities[destination].Longitude);
        var travelHours = distance < 400 ? 0.5 + (distance / 90) : 1.5 + (distance / 750);
        var travel = (long)(travelHours * TimeSpan.TicksPerHour);
        var leaveDay = day + 1 + _random.NextInt(21);
        var backDay = leaveDay + _random.NextInt(2, 11);
        var departure = _startTicks + (leaveDay * TimeSpan.TicksPerDay) + (long)(_random.NextDouble(6, 20) * TimeSpan.TicksPerHour);
        var returnDeparture = _startTicks + (backDay * TimeSpan.TicksPerDay) + (long)(_random.NextDouble(8, 20) * TimeSpan.TicksPerHour);
        trip = new Trip(destination, departure, departure + travel, returnDeparture, returnDeparture + travel);

        // Booking online ahead: a large genuine amount in a risky-looking category.
        var bookingTicks = _startTicks + (day * TimeSpan.TicksPerDay) + (SampleSecondOfDay(card) * TimeSpan.TicksPerSecond);
        if (_random.Chance(0.6))
        {
            AddBooking(card, Travel, bookingTicks, output);
        }

        if (_random.Chance(0.4))
        {
            AddBooking(card, Hotel, bookingTicks + (5 * TimeSpan.TicksPerMinute), output);
        }
    }

    private void AddBooking(int card, int category, long ticks, List<DraftTransaction> output)
    {
        var merchants = _webByCategory[category].Length > 0 ? _webByCategory[category] : _webMerchants;
        if (merchants.Length == 0)
        {
            return;
        }

        var merchant = merchants[_random.NextInt(merchants.Length)];
        var amount = GenuineAmount(card, _merchantCategory[merchant]);
        var device = PhoneDevice | ((long)card << 24) | (uint)_phoneGeneration[card];
        Add(output, Draft(card, merchant, ticks, ToCents(amount, _merchantCategory[merchant]), online: true, device, fraud: 0));
    }

    /// <summary>Bursts of tiny amounts, mostly online from a new device; often a cash-out afterwards.</summary>
    private void InjectCardTesting(int card, long dayStart, List<DraftTransaction> output)
    {
        var device = NewFraudDevice();
        var slow = _random.Chance(0.25);
        var count = slow ? _random.NextInt(2, 5) : 4 + _random.NextPoisson(7);
        var online = _webMerchants.Length > 0 && _random.Chance(0.85);
        var city = _random.NextInt(_cities.Count);
        var ticks = dayStart + (long)(_random.NextDouble(0, SecondsPerDay) * TimeSpan.TicksPerSecond);
        for (var i = 0; i < count; i++)
        {
            var merchant = online ? PickWeb(TestingCategories) : PickShop(city, TestingCategories);
            if (merchant < 0)
            {
                return;
            }

            var cents = _random.Chance(0.3) ? 100 : (long)Math.Round(_random.NextDouble(0.5, 6) * 100);
            Add(output, Draft(card, merchant, ticks, cents, _merchantCity[merchant] < 0, _merchantCity[merchant] < 0 ? device : 0, fraud: 1));
            ticks += (long)((1 + _random.NextExponential(slow ? 1200 : 45)) * TimeSpan.TicksPerSecond);
        }

        if (_random.Chance(0.4))
        {
            var cashOuts = _random.NextInt(1, 4);
            for (var i = 0; i < cashOuts; i++)
            {
                ticks += (long)(_random.NextExponential(2) * TimeSpan.TicksPerHour);
                var merchant = PickWeb(CashOutCategories);
                if (merchant < 0)
                {
                    return;
                }

                Add(output, Draft(card, merchant, ticks, ToCents(_random.NextLogNormal(300, 0.6), _merchantCategory[merchant]), online: true, device, fraud: 1));
            }
        }
    }

    /// <summary>
    /// A cloned or stolen physical card: usually used in another city within hours of the owner paying in person
    /// (impossible travel), a quarter of the time in the owner's own city (no travel signal at all).
    /// </summary>
    private void InjectStolenCard(int card, long dayStart, int cardFirst, List<DraftTransaction> output)
    {
        // Anchor on one of the owner's in-person payments today, if any.
        var anchor = -1;
        var seen = 0;
        for (var i = cardFirst; i < output.Count; i++)
        {
            if (output[i].Card == card && !output[i].Online && output[i].Fraud == 0 && _random.NextInt(++seen) == 0)
            {
                anchor = i;
            }
        }


        var city = _homeCity[card];
        if (!_random.Chance(0.25))
        {
            var other = _random.NextInt(_cities.Count);
            city = other == city ? (other + 1) % _cities.Count : other;
        }

        var count = 1 + _random.NextPoisson(3);
        var ticks = anchor >= 0
            ? output[anchor].Ticks + (long)(_random.NextDouble(0.3, 4) * TimeSpan.TicksPerHour)
            : dayStart + (long)(_random.NextDouble(7, 23) * TimeSpan.TicksPerHour);
        for (var i = 0; i < count; i++)
        {
            var merchant = PickShop(city, StolenCardCategories);
            if (merchant < 0)
            {
                return;
            }

            var category = _merchantCategory[merchant];
            var amount = _random.NextLogNormal(CategoryProfiles.Get(category).MedianAmount * _random.NextDouble(1, 3), 0.5);
            Add(output, Draft(card, merchant, ticks, ToCents(amount, category), online: false, device: 0, fraud: 2));
            ticks += (long)(_random.NextExponential(25) * TimeSpan.TicksPerMinute);
        }
    }

    /// <summary>Someone else's device on the account; most spike in new categories, a quarter look like the owner.</summary>
    private void InjectAccountTakeover(int card, long dayStart, List<DraftTransaction> output)
    {
        if (_webMerchants.Length == 0)
        {
            return;
        }

        var device = NewFraudDevice();
        var subtle = _random.Chance(0.25);
        var count = 1 + _random.NextPoisson(1.5);
        var ticks = dayStart + (long)(_random.NextDouble(0, SecondsPerDay) * TimeSpan.TicksPerSecond);
        for (var i = 0; i < count; i++)
        {
            int merchant;
            double amount;
            if (subtle)
            {
                var favourites = _favouriteWeb[card];
                merchant = favourites.Length > 0 ? favourites[_random.NextInt(favourites.Length)] : _webMerchants[_random.NextInt(_webMerchants.Length)];
                amount = GenuineAmount(card, _merchantCategory[merchant]) * _random.NextDouble(1, 2.5);
            }
            else
            {
                merchant = PickWeb(TakeoverCategories);
                amount = Math.Max(60, GenuineAmount(card, _merchantCategory[merchant]) * _random.NextDouble(3, 10));
            }

            Add(output, Draft(card, merchant, ticks, ToCents(amount, _merchantCategory[merchant]), online: true, device, fraud: 3));
            ticks += (long)(_random.NextExponential(3) * TimeSpan.TicksPerHour);
        }
    }

    private void CompromiseMerchants(int day)
    {
        var count = _random.NextPoisson(_compromisesPerDay);
        var shopCount = _merchantIds.Length - _webMerchants.Length;
        for (var i = 0; i < count && shopCount > 0; i++)
        {
            int merchant;
            do
            {
                merchant = _random.NextInt(_merchantIds.Length);
            }
            while (_merchantCity[merchant] < 0);

            _merchantCompromisedUntil[merchant] = Math.Max(_merchantCompromisedUntil[merchant], day + _random.NextInt(3, 11) - 1);
        }
    }

    /// <summary>Cards that paid in person at a compromised merchant are abused 2–20 days later, online or as a clone elsewhere.</summary>
    private void SkimAtCompromisedMerchants(int day, int firstGenuine, List<DraftTransaction> output)
    {
        var skim = _options.DefaultFraud.SkimProbability;
        var end = output.Count;
        for (var i = firstGenuine; i < end; i++)
        {
            var paid = output[i];
            if (paid.Fraud != 0 || paid.Online || _merchantCompromisedUntil[paid.Merchant] < day || _skimPending[paid.Card] || !_random.Chance(skim))
            {
                continue;
            }

            _skimPending[paid.Card] = true;
            var abuseDay = day + _random.NextInt(2, 21);
            var ticks = _startTicks + (abuseDay * TimeSpan.TicksPerDay) + (long)(_random.NextDouble(0, SecondsPerDay) * TimeSpan.TicksPerSecond);
            var online = _webMerchants.Length > 0 && _random.Chance(0.6);
            var device = NewFraudDevice();
            var city = _random.NextInt(_cities.Count);
            var count = 1 + _random.NextPoisson(1.5);
            for (var k = 0; k < count; k++)
            {
                var merchant = online ? PickWeb(SkimmedCategories) : PickShop(city, SkimmedCategories);
                if (merchant < 0)
                {
                    break;
                }

                var category = _merchantCategory[merchant];
                var amount = _random.NextLogNormal(CategoryProfiles.Get(category).MedianAmount * _random.NextDouble(1, 2.5), 0.5);
                Add(output, Draft(paid.Card, merchant, ticks, ToCents(amount, category), online, online ? device : 0, fraud: 4));
                ticks += (long)(_random.NextExponential(40) * TimeSpan.TicksPerMinute);
            }
        }
    }

    private int PickWeb(int[] categories)
    {
        if (_webMerchants.Length == 0)
        {
            return -1;
        }

        var pool = _webByCategory[categories[_random.NextInt(categories.Length)]];
        if (pool.Length == 0)
        {
            pool = _webMerchants;
        }

        return pool[_random.NextInt(pool.Length)];
    }

    private int PickShop(int city, int[] categories)
    {
        var pool = _shopsByCityCategory[city][categories[_random.NextInt(categories.Length)]];
        if (pool.Length == 0)
        {
            pool = _shopsByCity[city];
        }

        return pool.Length == 0 ? -1 : pool[_random.NextInt(pool.Length)];
    }

    private int PickResidentCity()
    {
        double total = 0;
        for (var c = 0; c < _cities.Count; c++)
        {
            total += _cities[c].Residents;
        }

        var target = _random.NextDouble() * total;
        for (var c = 0; c < _cities.Count; c++)
        {
            target -= _cities[c].Residents;
            if (target < 0)
            {
                return c;
            }
        }

        return _cities.Count - 1;
    }

    private int PickWeighted(double[] weights)
    {
        double total = 0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0 && weights[i] > 0)
            {
                return i;
            }
        }

        return Array.FindLastIndex(weights, w => w > 0);
    }

    private (double Latitude, double Longitude) Scatter(WorldCity city, double kilometres)
    {
        var latitude = city.Latitude + (_random.NextGaussian(0, kilometres) / KilometresPerDegree);
        var longitude = city.Longitude + (_random.NextGaussian(0, kilometres) / (KilometresPerDegree * Math.Cos(city.Latitude * Math.PI / 180)));
        return (Math.Round(latitude, 5), Math.Round(longitude, 5));
    }

    private DraftTransaction Draft(int card, int merchant, long ticks, long cents, bool online, long device, byte fraud)
    {
        var place = online ? -1 : _merchantCity[merchant];
        return new DraftTransaction
        {
            Ticks = ticks,
            Card = card,
            Merchant = merchant,
            AmountCents = cents,
            Place = place,
            Latitude = place >= 0 ? _merchantLatitude[merchant] : double.NaN,
            Longitude = place >= 0 ? _merchantLongitude[merchant] : double.NaN,
            Device = device,
            Category = (byte)_merchantCategory[merchant],
            Online = online,
            Fraud = fraud,
        };
    }

    /// <summary>Today's drafts go to the output; drafts that spill into later days wait in a per-day buffer.</summary>
    private void Add(List<DraftTransaction> output, DraftTransaction draft)
    {
        var day = (int)((draft.Ticks - _startTicks) / TimeSpan.TicksPerDay);
        if (day == _currentDay)
        {
            draft.Order = output.Count;
            output.Add(draft);
            return;
        }

        if (_options.Days > 0 && day >= _options.Days)
        {
            return;
        }

        if (!_future.TryGetValue(day, out var later))
        {
            later = [];
            _future.Add(day, later);
        }

        later.Add(draft);
    }

    private long NewFraudDevice() => FraudDevice | ++_fraudDevices;

    private string DeviceName(long device)
    {
        // Hash every kind of device into the same shape, so the id itself says nothing about fraud.
        var hash = DeterministicRandom.Mix(_options.Seed, device, 0x5EED);
        return "dev-" + (hash & 0xFFFF_FFFF_FFFFUL).ToString("x12", CultureInfo.InvariantCulture);
    }

    private static long ToCents(double amount, int category)
    {
        if (category == Atm)
        {
            amount = Math.Max(20, Math.Round(amount / 20) * 20); // cash comes in notes
        }

        return Math.Clamp((long)Math.Round(amount * 100), 1, MaximumCents);
    }

    private static int[] Indexes(params string[] names)
    {
        var indexes = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            indexes[i] = CategoryProfiles.IndexOf(names[i]);
        }

        return indexes;
    }
}
