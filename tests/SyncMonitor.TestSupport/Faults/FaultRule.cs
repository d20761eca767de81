namespace SyncMonitor.TestSupport;

/// <summary>What happens to matching calls of one interface method: which calls (the Nth, from the Nth on, at most
/// K times, only with certain arguments), what they do instead (throw, hang until released or cancelled, cancel),
/// and whether the fault comes before the real call (nothing was stored) or after it (stored, but the caller saw an
/// error — a timeout after commit). <see cref="Hit"/> tells the test the fault has fired.</summary>
public sealed class FaultRule
{
    private readonly Type _service;
    private readonly string _method;
    private readonly TaskCompletionSource _hit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Func<object?[], bool> _when = _ => true;
    private Func<CancellationToken, Exception> _fault;
    private int _from = 1;
    private int _until = int.MaxValue;
    private int _maxFaults = int.MaxValue;
    private int _calls;
    private int _faults;
    private bool _hangs;
    private bool _disabled;

    internal FaultRule(Type service, string method)
    {
        _service = service;
        _method = method;
        _fault = _ => new InjectedFaultException($"injected fault in {service.Name}.{method}");
    }

    /// <summary>Matching calls seen so far.</summary>
    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls;
            }
        }
    }

    /// <summary>Calls the fault was applied to so far.</summary>
    public int Faults
    {
        get
        {
            lock (_gate)
            {
                return _faults;
            }
        }
    }

    /// <summary>Completes when the fault fires for the first time.</summary>
    public Task Hit => _hit.Task;

    /// <summary>True once a hanging call has been let go (see <see cref="Release"/>).</summary>
    public bool Released => _released.Task.IsCompleted;

    internal bool AfterCall { get; private set; }

    /// <summary>Only the <paramref name="n"/>th matching call (1-based).</summary>
    public FaultRule OnCall(int n) => Window(n, n);

    /// <summary>The <paramref name="n"/>th matching call and every later one.</summary>
    public FaultRule FromCall(int n) => Window(n, int.MaxValue);

    /// <summary>At most <paramref name="count"/> faults, then calls pass again.</summary>
    public FaultRule Times(int count)
    {
        _maxFaults = count;
        return this;
    }

    /// <summary>Only calls whose arguments pass <paramref name="predicate"/> count (and fault).</summary>
    public FaultRule When(Func<object?[], bool> predicate)
    {
        _when = predicate;
        return this;
    }

    /// <summary>Only calls with an argument of type <typeparamref name="TArg"/> passing <paramref name="predicate"/>.</summary>
    public FaultRule WhenArgument<TArg>(Func<TArg, bool> predicate)
        => When(args => args.OfType<TArg>().Any(predicate));

    public FaultRule Throws(Func<Exception> exception)
    {
        _fault = _ => exception();
        return this;
    }

    /// <summary>The call is cancelled, as when its token fired (<see cref="OperationCanceledException"/>).</summary>
    public FaultRule Cancels()
    {
        _fault = token => new OperationCanceledException("injected cancellation", token);
        return this;
    }

    /// <summary>The call waits until <see cref="Release"/> (then it proceeds to the real store) or until its own
    /// cancellation token fires (then it throws <see cref="OperationCanceledException"/>).</summary>
    public FaultRule Hangs()
    {
        _hangs = true;
        return this;
    }

    /// <summary>The real call happens first, then the fault: the store changed, the caller sees the fault.</summary>
    public FaultRule AfterTheCall()
    {
        AfterCall = true;
        return this;
    }

    /// <summary>Lets hanging calls (and later ones this rule would hang) go on to the real store.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Stops the rule: later calls pass.</summary>
    public void Disable()
    {
        lock (_gate)
        {
            _disabled = true;
        }

        Release();
    }

    /// <summary>Counts a matching call and says whether the fault applies to it (never when another rule already fired).</summary>
    internal bool TryFire(Type service, string method, object?[] arguments, bool mayFire)
    {
        if (!_service.IsAssignableFrom(service) || method != _method || !_when(arguments))
        {
            return false;
        }

        lock (_gate)
        {
            var call = ++_calls;
            if (!mayFire || _disabled || call < _from || call > _until || _faults >= _maxFaults)
            {
                return false;
            }

            _faults++;
            return true;
        }
    }

    /// <summary>Applies the fault to one call: throws, or hangs until released or cancelled.</summary>
    internal async Task ApplyAsync(CancellationToken cancellationToken)
    {
        _hit.TrySetResult();
        if (_hangs)
        {
            await _released.Task.WaitAsync(cancellationToken);
            return;
        }

        throw _fault(cancellationToken);
    }

    private FaultRule Window(int from, int until)
    {
        _from = from;
        _until = until;
        return this;
    }
}
