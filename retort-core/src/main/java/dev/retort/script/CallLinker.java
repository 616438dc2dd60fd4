package dev.retort.script;

import java.util.Arrays;
import java.util.IdentityHashMap;
import dev.retort.api.Operations;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.retort.script.JavaTokens.Kind;
import dev.retort.script.RevisionInterpreter.Call;
import dev.retort.script.RevisionInterpreter.Chain;
import dev.retort.script.RevisionInterpreter.Lambda;
import dev.retort.script.RevisionInterpreter.Linked;
import dev.retort.script.RevisionInterpreter.Literal;
import dev.retort.script.RevisionInterpreter.Unsupported;

/**
 * Decides which public API method each call of a revision means, as the compiler would (or gives up), and runs the
 * linked calls on an {@code Operations}: lambdas become proxies of their functional interface.
 */
final class CallLinker {
    /** Static types of parameters in scope, while linking. */
    private final Map<String, Class<?>> scope = new HashMap<>();
    private final Map<Call, Linked> linked = new IdentityHashMap<>();
    private final Map<Lambda, Class<?>> lambdaTypes = new IdentityHashMap<>();
    private final Map<Lambda, Class<?>> lambdaParams = new IdentityHashMap<>();

    /** Links a method body whose one parameter in scope is {@code param}, of type {@code Operations}. */
    void linkBody(String param, List<Chain> body) throws Unsupported {
        scope.clear();
        scope.put(param, Operations.class);
        for (Chain c : body) link(c);
    }

    // ---- linking: which method each call means, decided as the compiler would, or not at all ----

    private void link(Chain c) throws Unsupported {
        Class<?> type = scope.get(c.root());
        for (int i = 0; i < c.calls().size(); i++) {
            Call call = c.calls().get(i);
            if (type == void.class) throw new Unsupported("call on void");
            Linked l = resolve(type, call);
            linked.put(call, l);
            Type returned = l.method().getGenericReturnType();
            if (!(returned instanceof Class<?> r)) throw new Unsupported("generic return type of " + call.name());
            type = r;
        }
    }

    enum Fit { YES, NO, MAYBE }

    private Linked resolve(Class<?> type, Call call) throws Unsupported {
        if (!accessible(type)) throw new Unsupported("type " + type.getName());
        Method chosen = null;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(call.name()) || m.isBridge() || m.isSynthetic()) continue;
            Fit fit = fits(m, call.args());
            if (fit == Fit.NO) continue;
            if (fit == Fit.MAYBE || chosen != null) throw new Unsupported("more than one method could be " + call.name());
            chosen = m;
        }
        if (chosen == null) throw new Unsupported("no method " + call.name());
        if (chosen.getExceptionTypes().length > 0 || !accessible(chosen.getDeclaringClass())) throw new Unsupported("method " + call.name());
        int n = chosen.getParameterCount();
        boolean spread = chosen.isVarArgs(); // an array passed as the varargs array is never written here
        Class<?> component = spread ? chosen.getParameterTypes()[n - 1].getComponentType() : null;
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < call.args().size(); i++) {
            Class<?> target = spread && i >= n - 1 ? component : chosen.getParameterTypes()[i];
            Object a = call.args().get(i);
            if (a instanceof Lambda lambda) {
                Type generic = spread && i >= n - 1 ? null : chosen.getGenericParameterTypes()[i];
                Class<?> param = lambdaParameter(target, generic);
                lambdaTypes.put(lambda, target);
                lambdaParams.put(lambda, param);
                Map<String, Class<?>> saved = new HashMap<>(scope);
                scope.put(lambda.param(), param);
                for (Chain c : lambda.body()) link(c);
                scope.clear();
                scope.putAll(saved);
                args.add(lambda);
            } else {
                args.add(convert((Literal) a, target));
            }
        }
        return new Linked(chosen, args, spread ? n - 1 : n, component);
    }

    private static boolean accessible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) if (!Modifier.isPublic(k.getModifiers())) return false;
        return true;
    }

    private Fit fits(Method m, List<Object> args) {
        Class<?>[] params = m.getParameterTypes();
        Type[] generic = m.getGenericParameterTypes();
        int n = params.length;
        boolean varargs = m.isVarArgs();
        if (!varargs && args.size() != n || varargs && args.size() < n - 1) return Fit.NO;
        Fit all = Fit.YES;
        for (int i = 0; i < args.size(); i++) {
            boolean inVarargs = varargs && i >= n - 1;
            Class<?> target = inVarargs ? params[n - 1].getComponentType() : params[i];
            Type g = inVarargs ? null : generic[i];
            if (g instanceof TypeVariable<?>) return Fit.MAYBE;
            Fit f = fit(args.get(i), target);
            if (f == Fit.NO) return Fit.NO;
            if (f == Fit.MAYBE) all = Fit.MAYBE;
        }
        if (varargs && args.size() == n && args.get(n - 1) instanceof Literal l && l.value() == null) return Fit.MAYBE;
        return all;
    }

    /** Method invocation conversion of a literal or a lambda to a parameter type (JLS 5.3), as far as it is certain. */
    private static Fit fit(Object arg, Class<?> p) {
        if (arg instanceof Lambda lambda) {
            if (!p.isInterface()) return Fit.NO;
            Method f = functionalMethod(p);
            if (f == null) return Fit.NO;
            if (f.getParameterCount() != 1) return Fit.NO;
            return f.getReturnType() == void.class ? Fit.YES : Fit.MAYBE;
        }
        Literal l = (Literal) arg;
        Object v = l.value();
        return switch (l.kind()) {
            case STR -> p.isAssignableFrom(String.class) ? Fit.YES : Fit.NO;
            case INT -> p == int.class || p == long.class || p == float.class || p == double.class || p.isAssignableFrom(Integer.class) ? Fit.YES : Fit.NO;
            case LONG -> p == long.class || p == float.class || p == double.class || p.isAssignableFrom(Long.class) ? Fit.YES : Fit.NO;
            case DOUBLE -> p == double.class || p.isAssignableFrom(Double.class) ? Fit.YES : Fit.NO;
            default -> v == null ? (p.isPrimitive() ? Fit.NO : Fit.YES)
                    : p == boolean.class || p.isAssignableFrom(Boolean.class) ? Fit.YES : Fit.NO;
        };
    }

    /** The one abstract method of a functional interface, or null. */
    static Method functionalMethod(Class<?> p) {
        Method found = null;
        for (Method m : p.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers())) continue;
            if (isObjectMethod(m)) continue;
            if (found != null && !(found.getName().equals(m.getName()) && Arrays.equals(found.getParameterTypes(), m.getParameterTypes()))) return null;
            found = m;
        }
        return found;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The type of a lambda's parameter: the functional method's, with the interface's type argument filled in. */
    private static Class<?> lambdaParameter(Class<?> iface, Type generic) throws Unsupported {
        Method f = functionalMethod(iface);
        Type t = f.getGenericParameterTypes()[0];
        if (t instanceof Class<?> c) return c;
        if (t instanceof TypeVariable<?> v && f.getDeclaringClass() == iface && generic instanceof ParameterizedType pt) {
            TypeVariable<?>[] vars = iface.getTypeParameters();
            for (int i = 0; i < vars.length; i++) {
                if (vars[i].getName().equals(v.getName()) && pt.getActualTypeArguments()[i] instanceof Class<?> c) return c;
            }
        }
        throw new Unsupported("lambda parameter type");
    }

    private static Object convert(Literal l, Class<?> p) {
        Object v = l.value();
        if (v == null) return null;
        if (l.kind() == Kind.INT) {
            int i = (Integer) v;
            if (p == long.class) return (long) i;
            if (p == float.class) return (float) i;
            if (p == double.class) return (double) i;
            return i;
        }
        if (l.kind() == Kind.LONG) {
            long x = (Long) v;
            if (p == float.class) return (float) x;
            if (p == double.class) return (double) x;
            return x;
        }
        return v;
    }

    // ---- running ----

    void run(List<Chain> body, Map<String, Object> values) {
        for (Chain c : body) evaluate(c, values);
    }

    private Object evaluate(Chain c, Map<String, Object> values) {
        Object target = values.get(c.root());
        for (Call call : c.calls()) {
            Linked l = linked.get(call);
            Object[] args = new Object[l.method().getParameterCount()];
            int given = call.args().size();
            for (int i = 0; i < Math.min(given, l.fixed()); i++) args[i] = value(l.args().get(i), values);
            if (l.varargType() != null) {
                Object array = Array.newInstance(l.varargType(), given - l.fixed());
                for (int i = l.fixed(); i < given; i++) Array.set(array, i - l.fixed(), value(l.args().get(i), values));
                args[l.fixed()] = array;
            }
            try {
                target = l.method().invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return target;
    }

    private Object value(Object arg, Map<String, Object> values) {
        if (!(arg instanceof Lambda lambda)) return arg;
        Class<?> iface = lambdaTypes.get(lambda);
        Method functional = functionalMethod(iface);
        InvocationHandler h = (proxy, method, a) -> {
            if (method.getName().equals(functional.getName()) && Arrays.equals(method.getParameterTypes(), functional.getParameterTypes())) {
                Map<String, Object> inner = new HashMap<>(values);
                inner.put(lambda.param(), a[0]);
                run(lambda.body(), inner);
                return null;
            }
            if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, a);
            return switch (method.getName()) {
                case "equals" -> proxy == a[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "lambda " + lambda.param() + " -> ...";
                default -> throw new UnsupportedOperationException(method.getName());
            };
        };
        return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, h);
    }
}
